/** What a fault's selector picks in a running deployment: instances, or an edge's proxies. */
import type { Deployment, Edge, EdgeProxy, Instance } from '../../model/index.ts';
import { parseEdge } from '../faults/label.ts';
import type { FaultProxy } from '../proxy/types.ts';

export class FaultTargetError extends Error {}

/**
 * The runtime knows its edge proxies only as `EdgeProxy`; a deployment started
 * with chaos's `startFaultProxy` as its `proxyFactory` holds FaultProxies. Anything
 * else cannot take a toxic, and says so.
 */
function asFaultProxy(proxy: EdgeProxy): FaultProxy {
  if (typeof (proxy as Partial<FaultProxy>).addToxic !== 'function')
    throw new FaultTargetError(
      `the proxy ${proxy.name} cannot take network faults: start the deployment with chaos's startFaultProxy as its proxyFactory`,
    );
  return proxy as FaultProxy;
}

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
  if (instance === undefined) return proxies.map(asFaultProxy);
  const one = proxies[instance];
  if (one === undefined) throw new FaultTargetError(`${edge} has no proxy for instance ${instance}`);
  return [asFaultProxy(one)];
}

/**
 * Every proxy on an edge across the border of `region` (between one of its
 * components and one of another region): the region's links, cut by a
 * partition of the region.
 */
export function proxiesAcross(deployment: Deployment, region: string): FaultProxy[] {
  const regionOf = new Map(deployment.topology.components.map((c) => [c.name, c.region]));
  const edges = (deployment.edges ?? []).filter((e) => {
    const a = regionOf.get(e.from);
    const b = regionOf.get(e.to);
    return a !== undefined && b !== undefined && a !== b && (a === region || b === region);
  });
  if (edges.length === 0)
    throw new FaultTargetError(`no proxied edge crosses the border of region "${region}"`);
  return edges.flatMap((e) => e.proxies).map(asFaultProxy);
}

/** Every proxy into `target` (a partition by component). */
export function proxiesInto(deployment: Deployment, target: string, instance?: number): FaultProxy[] {
  const edges = (deployment.edges ?? []).filter((e) => e.to === target);
  if (edges.length === 0) throw new FaultTargetError(`no fault proxies on any edge into "${target}"`);
  return edges
    .flatMap((e) => (instance === undefined ? e.proxies : e.proxies.slice(instance, instance + 1)))
    .map(asFaultProxy);
}
