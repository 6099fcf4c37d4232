/**
 * A fault schedule as a timeline: a pure function of the faults and the
 * duration scale, with no timers — tested as data (k6's executor plans).
 * Times are ms from the start of the load.
 *
 * - `restart` is instantaneous: one `apply`.
 * - `kill` / `stop` are reverted (started again) at `at + restartAfter`, or never.
 * - Every other kind is reverted at `at + duration`; without a duration, at
 *   `endAt` when given, otherwise when the schedule stops.
 */

import type { Topology } from '../../model/index.ts';
import { type FaultSpec, isNetworkFault, parseDuration, scaleDuration } from '../../model/index.ts';
import { faultLabel } from './label.ts';

export type FaultAction = 'apply' | 'revert';

export interface FaultEvent {
  /** ms from the start of the load (scaled). */
  at: number;
  action: FaultAction;
  fault: FaultSpec;
  /** The fault's position in the schedule: pairs an apply with its revert. */
  index: number;
  label: string;
}

export interface PlanFaultsOptions {
  /** `--duration-scale`: multiplies `at`, `duration` and `restartAfter` (not latencies or timeouts). */
  durationScale?: number;
  /** The end of the load, ms (scaled): open-ended faults are reverted then. Absent: left to `stop()`. */
  endAt?: number;
}

const scaled = (text: string, factor: number): number => parseDuration(scaleDuration(text, factor));

/** How long a fault lasts once applied, ms (scaled); undefined = open-ended, null = never reverted. */
export function faultDurationMs(fault: FaultSpec, durationScale = 1): number | undefined | null {
  if (fault.kind === 'restart') return null;
  if (fault.kind === 'kill' || fault.kind === 'stop') {
    return fault.restartAfter === undefined ? null : scaled(fault.restartAfter, durationScale);
  }
  return fault.duration === undefined ? undefined : scaled(fault.duration, durationScale);
}

/** Whether applying the fault leaves something to take back. */
export function isReversible(fault: FaultSpec): boolean {
  return faultDurationMs(fault) !== null;
}

export function planFaults(faults: readonly FaultSpec[], opts: PlanFaultsOptions = {}): FaultEvent[] {
  const factor = opts.durationScale ?? 1;
  const events: FaultEvent[] = [];
  faults.forEach((fault, index) => {
    const at = scaled(fault.at, factor);
    const label = faultLabel(fault);
    events.push({ at, action: 'apply', fault, index, label });
    const lasts = faultDurationMs(fault, factor);
    if (lasts === null) return;
    const end = lasts === undefined ? opts.endAt : at + lasts;
    if (end !== undefined) events.push({ at: Math.max(at, end), action: 'revert', fault, index, label });
  });
  return events.sort(compareEvents);
}

/**
 * By time; at the same time a fault's own apply comes before its revert, and
 * otherwise reverts come first (one fault ending as another starts on the
 * same target must not overlap it); then schedule order.
 */
function compareEvents(a: FaultEvent, b: FaultEvent): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.index === b.index) return a.action === 'apply' ? -1 : 1;
  if (a.action !== b.action) return a.action === 'revert' ? -1 : 1;
  return a.index - b.index;
}

/**
 * The edges a schedule's network faults need proxies on (`StartOptions.edgeProxies`).
 * A network fault by `target` needs every edge into the component: give the topology.
 */
export function edgesOf(faults: readonly FaultSpec[], topology?: Topology): string[] {
  const edges = new Set<string>();
  for (const fault of faults) {
    if ('edge' in fault && fault.edge !== undefined) edges.add(fault.edge);
    const into = isNetworkFault(fault) && 'target' in fault ? fault.target : undefined;
    if (into !== undefined) {
      for (const c of topology?.components ?? []) {
        if (c.uses?.includes(into)) edges.add(`${c.name}->${into}`);
      }
    }
  }
  return [...edges].sort();
}

/**
 * A fault at 0 s that lasts until the load ends (no `duration`) is not an
 * event on the timeline but a condition of the whole cell — a database in
 * another zone, a throttled CPU: the cell applies it before its warm-up, so
 * the warm-up meets the same conditions as the measured load. The rest stay
 * on the load's timeline.
 */
export function splitConditions(faults: readonly FaultSpec[]): {
  conditions: FaultSpec[];
  timeline: FaultSpec[];
} {
  const isCondition = (f: FaultSpec) => parseDuration(f.at) === 0 && faultDurationMs(f) === undefined;
  return { conditions: faults.filter(isCondition), timeline: faults.filter((f) => !isCondition(f)) };
}
