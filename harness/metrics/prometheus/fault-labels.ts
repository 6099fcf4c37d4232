/**
 * Which of a cell's recorded faults were in effect during one interval, and
 * the labels `harness_fault_active` gives each: the time comes from the
 * interval, never from the clock, so recorded data replays the same way.
 */
import type { FaultRecord } from '../../../chaos/index.ts';

/**
 * `kind`; `fault`, the fault's name (its label in results: `latency
 * app→postgres +50ms`); and either `edge` for a network fault (`app→postgres`)
 * or `fault_target` for a process or resource fault's instance(s) (`app-0`, `app-*`).
 */
export function faultLabels(f: Pick<FaultRecord, 'kind' | 'target' | 'label'>): Record<string, string> {
  const isEdge = f.target.includes('→') || f.target.includes('->');
  return { kind: f.kind, fault: f.label, ...(isEdge ? { edge: f.target } : { fault_target: f.target }) };
}

/**
 * Whether a fault was in effect at any moment of [fromMs, toMs): applied
 * before the interval ended and not reverted before it began. A fault with
 * nothing to revert (a kill for good) stays in effect.
 */
export function activeDuring(
  f: Pick<FaultRecord, 'appliedAt' | 'revertedAt'>,
  fromMs: number,
  toMs: number,
): boolean {
  return f.appliedAt < toMs && (f.revertedAt === undefined || f.revertedAt > fromMs);
}
