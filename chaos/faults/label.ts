/**
 * How a fault is named in logs, timelines and reports: its target (`app-0`,
 * `app-*`, `app→postgres`, `app→postgres-1`) and its label (`name`, or
 * `<kind> <target>`).
 */
import { EDGE_PATTERN, type FaultSpec, isNetworkFault } from '../../model/index.ts';

export interface EdgeRef {
  from: string;
  to: string;
}

/** `app->postgres` → `{ from: 'app', to: 'postgres' }`; undefined when malformed. */
export function parseEdge(edge: string): EdgeRef | undefined {
  const m = EDGE_PATTERN.exec(edge);
  return m === null ? undefined : { from: m[1]!, to: m[2]! };
}

/** The component a fault's instance index counts in: the target, or the edge's `to`. */
export function faultComponent(fault: FaultSpec): string {
  if ('target' in fault && fault.target !== undefined) return fault.target;
  if ('edge' in fault && fault.edge !== undefined) return parseEdge(fault.edge)?.to ?? fault.edge;
  return '';
}

export function faultTarget(fault: FaultSpec): string {
  if ('region' in fault && fault.region !== undefined) return `region ${fault.region}`;
  const edge = 'edge' in fault ? fault.edge : undefined;
  if (edge !== undefined) {
    const ref = parseEdge(edge);
    const base = ref === undefined ? edge : `${ref.from}→${ref.to}`;
    return fault.instance === undefined ? base : `${base}-${fault.instance}`;
  }
  const target = faultComponent(fault);
  // A network fault by target is on every edge into the component.
  if (isNetworkFault(fault))
    return fault.instance === undefined ? `*→${target}` : `*→${target}-${fault.instance}`;
  const instance = fault.instance ?? 0;
  return instance === 'all' ? `${target}-*` : `${target}-${instance}`;
}

export function faultLabel(fault: FaultSpec): string {
  return fault.name ?? `${fault.kind} ${faultTarget(fault)}`;
}
