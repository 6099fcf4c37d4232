/**
 * A fault schedule checked against the topology it will run on, before
 * anything starts: every problem, each with its path (`faults[2].edge`).
 */
import type { ComponentSpec, InputProblem, Topology } from '../../model/index.ts';
import {
  type FaultSpec,
  isNetworkFault,
  isProcessFault,
  isResourceFault,
  parseDuration,
} from '../../model/index.ts';
import { type EdgeRef, parseEdge } from './label.ts';
import { faultDurationMs } from './plan.ts';

export interface FaultProblemsOptions {
  /** Path of the list, prefixed to every problem (default `faults`). */
  path?: string;
  /**
   * The edges the deployment will proxy (`StartOptions.edgeProxies`); `['*']`
   * for all. Absent: assume the orchestrator proxies every edge a fault names.
   */
  edgeProxies?: readonly string[];
}

export function faultProblems(
  faults: readonly FaultSpec[],
  topology: Topology,
  opts: FaultProblemsOptions = {},
): InputProblem[] {
  const problems: InputProblem[] = [];
  const byName = new Map(topology.components.map((c) => [c.name, c]));
  const replicas = (c: ComponentSpec) => c.replicas ?? 1;
  const names = () => [...byName.keys()].join(', ');

  faults.forEach((fault, i) => {
    const at = `${opts.path ?? 'faults'}[${i}]`;
    const add = (field: string, message: string) => problems.push({ path: `${at}.${field}`, message });
    const checkIndex = (component: ComponentSpec, index: number | 'all' | undefined) => {
      if (typeof index === 'number' && index >= replicas(component)) {
        add(
          'instance',
          `"${component.name}" has ${replicas(component)} instance(s): 0..${replicas(component) - 1}`,
        );
      }
    };

    if ('edge' in fault && fault.edge !== undefined) {
      const edge = parseEdge(fault.edge);
      const problem = edge === undefined ? 'expected "from->to"' : edgeProblem(edge, byName);
      if (problem !== undefined) {
        add('edge', problem);
        return;
      }
      checkIndex(byName.get(edge!.to)!, fault.instance);
      if (opts.edgeProxies !== undefined && !opts.edgeProxies.some((e) => e === '*' || e === fault.edge)) {
        add('edge', `a ${fault.kind} fault needs a proxy on ${fault.edge}, but edge proxies are off for it`);
      }
      return;
    }

    if ('region' in fault && fault.region !== undefined) {
      const regions = [...new Set(topology.components.flatMap((c) => (c.region ? [c.region] : [])))];
      if (regions.length === 0) add('region', `${topology.name} has no regions`);
      else if (!regions.includes(fault.region))
        add('region', `no region "${fault.region}"; regions: ${regions.join(', ')}`);
      else if (fault.instance !== undefined) add('instance', 'a fault on a region’s links takes no instance');
      return;
    }

    const target = 'target' in fault ? fault.target : undefined;
    const component = target === undefined ? undefined : byName.get(target);
    if (target === undefined) return;
    if (component === undefined) {
      add('target', `no component "${target}"; components: ${names()}`);
      return;
    }
    checkIndex(component, fault.instance);
    if (isNetworkFault(fault)) {
      const users = topology.components.filter((c) => c.uses?.includes(target)).map((c) => c.name);
      if (users.length === 0) add('target', `no component uses "${target}": there is no edge to cut`);
      const unproxied = users.filter(
        (u) =>
          opts.edgeProxies !== undefined &&
          !opts.edgeProxies.some((e) => e === '*' || e === `${u}->${target}`),
      );
      if (unproxied.length > 0) {
        add('target', `edge proxies are off for ${unproxied.map((u) => `${u}->${target}`).join(', ')}`);
      }
    } else if ((isProcessFault(fault) || isResourceFault(fault)) && component.kind === 'external') {
      add('target', `"${target}" is an external service: harness has no process to ${fault.kind}`);
    }
  });

  problems.push(...overlapProblems(faults, opts.path ?? 'faults'));
  return problems;
}

function edgeProblem(edge: EdgeRef, byName: Map<string, ComponentSpec>): string | undefined {
  const names = [...byName.keys()].join(', ');
  const from = byName.get(edge.from);
  if (from === undefined) return `no component "${edge.from}"; components: ${names}`;
  if (!byName.has(edge.to)) return `no component "${edge.to}"; components: ${names}`;
  const uses = from.uses ?? [];
  if (uses.includes(edge.to)) return undefined;
  const edges = uses.length > 0 ? uses.map((u) => `${edge.from}->${u}`).join(', ') : '(none)';
  return `"${edge.from}" does not use "${edge.to}"; its edges: ${edges}`;
}

/** Faults that would fight over one instance: two pauses, a pause during a kill, two CPU quotas… */
const conflictGroup = (fault: FaultSpec): string | undefined => {
  if (fault.kind === 'cpu-throttle' || fault.kind === 'memory-limit') return fault.kind;
  if (isProcessFault(fault)) return 'process';
  return undefined;
};

function overlapProblems(faults: readonly FaultSpec[], path: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const windows = faults.map((fault) => {
    const start = parseDuration(fault.at);
    const lasts = faultDurationMs(fault);
    // A restart takes a moment; an open-ended or never-reverted fault lasts to the end.
    const end =
      lasts === null ? (fault.kind === 'restart' ? start + 1 : Infinity) : start + (lasts ?? Infinity);
    return { start, end };
  });
  faults.forEach((a, i) => {
    const group = conflictGroup(a);
    if (group === undefined || isNetworkFault(a) || !('target' in a)) return;
    for (let j = 0; j < i; j++) {
      const b = faults[j]!;
      if (conflictGroup(b) !== group || !('target' in b) || b.target !== a.target) continue;
      const ia = a.instance ?? 0;
      const ib = b.instance ?? 0;
      if (ia !== 'all' && ib !== 'all' && ia !== ib) continue;
      const wa = windows[i]!;
      const wb = windows[j]!;
      if (wa.start < wb.end && wb.start < wa.end) {
        problems.push({
          path: `${path}[${i}]`,
          message: `overlaps faults[${j}] (${b.kind}) on the same instance of "${a.target}"; one must end before the other starts`,
        });
      }
    }
  });
  return problems;
}
