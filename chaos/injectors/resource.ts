/**
 * Resource pressure, through the runtime's optional `Instance.limit` (local:
 * cgroup CPU quota / memory limit on the process tree) and `Instance.stressCpu`
 * (busy processes beside the instance).
 */
import type { FaultOf, Instance, ResourceLimits, Revertible } from '../../model/index.ts';
import { applyEach } from './applied-fault.ts';
import { FaultTargetError, selectInstances } from './select.ts';
import type { Injector } from './types.ts';

function limitEach(instances: readonly Instance[], limits: ResourceLimits): Promise<Revertible> {
  return applyEach(instances, (i) => {
    if (i.limit === undefined) throw new FaultTargetError(`${i.id}: this runtime cannot limit CPU or memory`);
    return i.limit(limits);
  });
}

export const cpuThrottle: Injector<FaultOf<'cpu-throttle'>> = async (deployment, fault, ctx) => {
  const instances = selectInstances(deployment, fault.target, fault.instance);
  const handle = await limitEach(instances, { cpus: fault.cpus });
  ctx.log(`${instances.map((i) => i.id).join(', ')}: CPU throttled to ${fault.cpus} cores`);
  return handle;
};

export const memoryLimit: Injector<FaultOf<'memory-limit'>> = async (deployment, fault, ctx) => {
  const instances = selectInstances(deployment, fault.target, fault.instance);
  const bytes = fault.bytes ?? Math.round((fault.mb ?? 0) * 1024 * 1024);
  const handle = await limitEach(instances, { memoryBytes: bytes });
  ctx.log(`${instances.map((i) => i.id).join(', ')}: memory limited to ${bytes} bytes`);
  return handle;
};

export const cpuHog: Injector<FaultOf<'cpu-hog'>> = async (deployment, fault, ctx) => {
  const instances = selectInstances(deployment, fault.target, fault.instance);
  const workers = fault.workers ?? 1;
  const handle = await applyEach(instances, (i) => {
    if (i.stressCpu === undefined) throw new FaultTargetError(`${i.id}: this runtime cannot start CPU hogs`);
    return i.stressCpu(workers);
  });
  ctx.log(`${workers} CPU hog(s) beside ${instances.map((i) => i.id).join(', ')}`);
  return handle;
};
