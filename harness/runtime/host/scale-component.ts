/**
 * `Deployment.scale`: more or fewer instances of one component on a live
 * deployment, the same for both runtimes.
 *
 * Out: each new instance is started as at the start (start-instance.ts: a
 * free port, its env resolved, temp dirs of the run, tagged with the run id,
 * readiness waited for) with the next unused index — ids are never reused
 * within a deployment, so `app-3` after `app-2` left is a new line in the
 * resource charts — then added to every load balancer in front of the
 * component; it counts as added once each balancer says it is UP. A failed
 * or aborted scale-out stops what it started and leaves the component as it was.
 *
 * In: the highest indexes go first; each is drained from its balancers
 * (in-flight requests finish, no new ones), then stopped.
 *
 * Only a component that nothing but load balancers reach can scale: another
 * component that `uses` it, or names it in an env template, would never
 * learn of the new instances; and fault proxies on an edge into it are
 * fixed per instance.
 */
import type { ScaleChange, ScaleOptions, Topology } from '../../../model/index.ts';
import { InvalidInputError } from '../../../model/index.ts';
import { parseRefs } from './env-template.ts';
import { releasePort } from './free-port.ts';
import type { HostedInstance } from './instance-host.ts';
import { launchers } from './launchers/index.ts';
import type { BalancerControl } from './launchers/types.ts';
import { type InstanceSlots, type StartContext, startInstance } from './start-instance.ts';

const defaultDrainMs = 10_000;
const gracefulStopMs = 2_000;
const scalableKinds = new Set(['service', 'worker', 'command']);

/** Why `component` cannot scale in `topology`, or undefined when it can. */
export function scaleProblem(
  topology: Topology,
  component: string,
  proxiedEdges: readonly { from: string; to: string }[] = [],
): string | undefined {
  const spec = topology.components.find((c) => c.name === component);
  if (spec === undefined)
    return `no component "${component}"; components: ${topology.components.map((c) => c.name).join(', ')}`;
  if (!scalableKinds.has(spec.kind))
    return `"${component}" is a ${spec.kind}: only service, worker and command components scale`;
  if (spec.port !== undefined) return `"${component}" has a fixed port: a second instance could not bind it`;
  for (const other of topology.components) {
    if (other.name === component) continue;
    if (other.uses?.includes(component) && other.kind !== 'haproxy')
      return `"${other.name}" uses "${component}" and would not learn of new instances; only load balancers (haproxy) can sit in front of a scaled component`;
    for (const [key, value] of Object.entries(other.env ?? {}))
      if (parseRefs(value).refs.some((r) => r.component === component))
        return `"${other.name}" names "${component}" in env ${key}: it would not learn of new instances`;
  }
  const proxied = proxiedEdges.find((e) => e.to === component);
  if (proxied !== undefined)
    return `${proxied.from}->${component} has fault proxies, one per instance: scaling behind them is not supported`;
  return undefined;
}

/** What scaling needs of the deployment (HostDeployment). */
export interface ScaleTarget extends InstanceSlots {
  readonly topology: Topology;
  /** Load balancers in front of `component`. */
  balancersOver(component: string): BalancerControl[];
  /** The index the next new instance of `component` gets. */
  nextIndex(component: string): number;
}

export async function scaleComponent(
  target: ScaleTarget,
  ctx: StartContext,
  component: string,
  replicas: number,
  options: ScaleOptions,
): Promise<ScaleChange> {
  const problem =
    !Number.isInteger(replicas) || replicas < 1
      ? `replicas must be an integer ≥ 1, got ${replicas}`
      : scaleProblem(target.topology, component, target.edges);
  if (problem !== undefined)
    throw new InvalidInputError(`scale ${component}`, [{ path: component, message: problem }]);
  const startedAt = Date.now();
  const current = target.component(component);
  const change = (added: string[], removed: string[]): ScaleChange => ({
    component,
    from: current.length,
    to: current.length + added.length - removed.length,
    added,
    removed,
    startedAt,
    endedAt: Date.now(),
  });
  if (replicas > current.length) {
    const ids = await scaleOut(target, ctx, component, replicas - current.length);
    return change(ids, []);
  }
  if (replicas < current.length) {
    const leaving = current.slice(replicas);
    await Promise.all(leaving.map((i) => scaleIn(target, i, options.drainTimeoutMs ?? defaultDrainMs, ctx)));
    return change(
      [],
      leaving.map((i) => i.id),
    );
  }
  return change([], []);
}

async function scaleOut(
  target: ScaleTarget,
  ctx: StartContext,
  component: string,
  count: number,
): Promise<string[]> {
  const spec = target.topology.components.find((c) => c.name === component)!;
  const launcher = launchers[spec.kind]!(ctx.host.launcherOptions);
  const balancers = target.balancersOver(component);
  const indexes = Array.from({ length: count }, () => target.nextIndex(component));
  const started: HostedInstance[] = [];
  const joined: { balancer: BalancerControl; id: string }[] = [];
  const results = await Promise.allSettled(
    indexes.map(async (index) => {
      const instance = await startInstance(spec, index, launcher, target, ctx);
      started.push(instance);
      for (const balancer of balancers) {
        await balancer.add(instance, ctx.signal);
        joined.push({ balancer, id: instance.id });
      }
      return instance.id;
    }),
  );
  const failed = results.find((r) => r.status === 'rejected');
  if (failed === undefined) return results.map((r) => (r as PromiseFulfilledResult<string>).value);
  // Back to where it was: out of the balancers, stopped, gone — also the ones that never got ready.
  await Promise.allSettled(joined.map(({ balancer, id }) => balancer.remove(id, 0)));
  const all = target.component(component).filter((i) => indexes.includes(i.index));
  await Promise.allSettled(all.map((i) => i.stop(Date.now() + gracefulStopMs)));
  for (const i of all) {
    target.remove(i);
    releasePort(i.port);
  }
  throw failed.reason;
}

async function scaleIn(
  target: ScaleTarget,
  instance: HostedInstance,
  drainMs: number,
  ctx: StartContext,
): Promise<void> {
  for (const balancer of target.balancersOver(instance.component)) {
    try {
      await balancer.remove(instance.id, drainMs);
    } catch (error) {
      // It still goes: a balancer that cannot drain it will see it fail its checks.
      ctx.log(`${instance.id}: drain failed: ${(error as Error).message}`);
    }
  }
  await instance.stop(Date.now() + gracefulStopMs);
  target.remove(instance);
  releasePort(instance.port);
  ctx.log(`${instance.id} drained and stopped`);
}
