/**
 * The injectors by fault kind: one explicit map, nothing registered as a side
 * effect of an import. `inject` applies one fault and records when.
 */
import type { Deployment, FaultKind, FaultOf, FaultSpec } from '../../model/index.ts';
import { appliedFault } from './applied-fault.ts';
import { down, partition, toxic } from './network.ts';
import { kill, pause, restart, stop } from './process.ts';
import { cpuHog, cpuThrottle, memoryLimit } from './resource.ts';
import type { AppliedFault, InjectContext, Injector } from './types.ts';

export const injectors: { [K in FaultKind]: Injector<FaultOf<K>> } = {
  kill,
  stop,
  pause,
  restart,
  latency: toxic,
  bandwidth: toxic,
  timeout: toxic,
  reset: toxic,
  slicer: toxic,
  'limit-data': toxic,
  'slow-close': toxic,
  drop: toxic,
  down,
  partition,
  'cpu-throttle': cpuThrottle,
  'memory-limit': memoryLimit,
  'cpu-hog': cpuHog,
};

/** Applies `fault` to `deployment`; resolves once it is in effect, with its record and revert. */
export async function inject(
  deployment: Deployment,
  fault: FaultSpec,
  ctx: Partial<InjectContext> = {},
): Promise<AppliedFault> {
  const requestedAt = Date.now();
  const injector = injectors[fault.kind] as Injector;
  const handle = await injector(deployment, fault, { log: ctx.log ?? (() => {}) });
  return appliedFault(fault, handle, { requestedAt, appliedAt: Date.now() });
}

export { FaultTargetError } from './select.ts';
export type { AppliedFault, FaultRecord, InjectContext, Injector } from './types.ts';
