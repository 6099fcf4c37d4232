/** What a fault's selector picks in a running deployment: instances, or an edge's proxies. */
import type { Deployment, Edge, Instance } from '../../harness/runtime/types.ts';
import { parseEdge } from '../faults/label.ts';
import type { FaultProxy } from '../proxy/types.ts';

export class FaultTargetError extends Error {}

export function selectInstances(
  deployment: Deployment,
  target: string,
  instance: number | 'all' = 0,
): Instance[] {
  const all = deployment.component(target);
  if (all.length === 0) throw new FaultTargetError(`no component "${target}" in ${deployment.topology.name}`);
  if (instance === 'all') return all;
  const one = all[instance];
  if (one === undefined)
    throw new FaultTargetError(`"${target}" has no instance ${instance} (0..${all.length - 1})`);
  return [one];
}

export function selectEdge(deployment: Deployment, edge: string): Edge {
  const ref = parseEdge(edge);
  const found = deployment.edges?.find((e) => e.from === ref?.from && e.to === ref?.to);
  if (found === undefined) {
    throw new FaultTargetError(
      `no fault proxies on ${edge}: start the deployment with edgeProxies including "${edge}" (or "*")`,
    );
  }
  return found;
}

/** The proxies of an edge, or of its `to` instance `instance`. */
export function selectProxies(deployment: Deployment, edge: string, instance?: number): FaultProxy[] {
  const { proxies } = selectEdge(deployment, edge);
  if (instance === undefined) return [...proxies];
  const one = proxies[instance];
  if (one === undefined) throw new FaultTargetError(`${edge} has no proxy for instance ${instance}`);
  return [one];
}

/** Every proxy into `target` (a partition by component). */
export function proxiesInto(deployment: Deployment, target: string, instance?: number): FaultProxy[] {
  const edges = (deployment.edges ?? []).filter((e) => e.to === target);
  if (edges.length === 0) throw new FaultTargetError(`no fault proxies on any edge into "${target}"`);
  return edges.flatMap((e) => (instance === undefined ? e.proxies : e.proxies.slice(instance, instance + 1)));
}
