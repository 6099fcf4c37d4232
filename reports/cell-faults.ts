/**
 * Faults applied during a cell, as the chaos scheduler records them
 * (`CellResult.faults`: a FaultRecord plus its measured impact). Results
 * written by other versions may lack fields, so the report reads the list
 * through a type guard that checks what it draws — kind, target and the
 * timestamps — rather than trusting the stored JSON.
 */
import type { CellResult, FaultImpact } from '../model/index.ts';

export interface AppliedFault {
  /** `kill`, `pause`, `latency`, `reset`, `partition`, `cpu-throttle`… */
  kind: string;
  /** Component, instance or edge: `app-0`, `app-*`, `app→postgres`, `*→postgres`. */
  target: string;
  /** The schedule's name for it, or `<kind> <target>`. */
  label?: string;
  /** ms since the epoch. */
  appliedAt: number;
  /** ms since the epoch; absent when it was never reverted (or the cell ended first). */
  revertedAt?: number;
  /** A revert that failed: the fault may still be in place. */
  revertError?: string;
  /** What it did to the load (chaos/steady-state/impact.ts). */
  impact?: FaultImpact;
}

export type CellWithFaults = Omit<CellResult, 'faults'> & { faults: AppliedFault[] };

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function isAppliedFault(value: unknown): value is AppliedFault {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  return (
    typeof f.kind === 'string' &&
    typeof f.target === 'string' &&
    (f.label === undefined || typeof f.label === 'string') &&
    finite(f.appliedAt) &&
    (f.revertedAt === undefined || f.revertedAt === null || finite(f.revertedAt)) &&
    (f.impact === undefined || (typeof f.impact === 'object' && f.impact !== null))
  );
}

export function hasFaults(cell: CellResult): boolean {
  return cellFaults(cell).length > 0;
}

/** The cell's faults, or none when the field is missing or malformed (results written by other versions). */
export function cellFaults(cell: CellResult): AppliedFault[] {
  const faults: unknown = (cell as { faults?: unknown }).faults;
  if (!Array.isArray(faults) || !faults.every(isAppliedFault)) return [];
  // JSON may carry `revertedAt: null` for "never": normalise to absent.
  return faults.map((f: AppliedFault) => {
    if ((f.revertedAt as number | null | undefined) !== null) return f;
    const { revertedAt: _never, ...rest } = f;
    return rest;
  });
}

/** How the report names a fault: its label, or `<kind> <target>`. */
export function faultName(f: AppliedFault): string {
  return f.label ?? `${f.kind} ${f.target}`;
}

/** Faults of the schedule that could not be applied, checked the same way. */
export function cellFaultFailures(cell: CellResult): { label: string; error: string }[] {
  const list: unknown = (cell as { faultFailures?: unknown }).faultFailures;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (x): x is { label: string; error: string } =>
      typeof x === 'object' &&
      x !== null &&
      typeof (x as { label?: unknown }).label === 'string' &&
      typeof (x as { error?: unknown }).error === 'string',
  );
}
