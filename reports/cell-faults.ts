/**
 * Faults applied during a cell, as the chaos scheduler records them. The
 * results types do not carry the field yet (`CellResult.faults?`), so the
 * report reads it through a type guard that checks every entry's shape
 * rather than trusting an `any`.
 */
import type { CellResult } from '../harness/results/types.ts';

export interface AppliedFault {
  /** `kill`, `pause`, `latency`, `reset`, `partition`, `cpu`, `memory`… */
  kind: string;
  /** Component, instance or edge: `app-0`, `app→postgres`. */
  target: string;
  /** ms since the epoch. */
  appliedAt: number;
  /** ms since the epoch; absent when it was never reverted (or the cell ended first). */
  revertedAt?: number;
}

export type CellWithFaults = Omit<CellResult, 'faults'> & { faults: AppliedFault[] };

export function isAppliedFault(value: unknown): value is AppliedFault {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  return (
    typeof f.kind === 'string' &&
    typeof f.target === 'string' &&
    typeof f.appliedAt === 'number' &&
    Number.isFinite(f.appliedAt) &&
    (f.revertedAt === undefined || (typeof f.revertedAt === 'number' && Number.isFinite(f.revertedAt)))
  );
}

export function hasFaults(cell: CellResult): boolean {
  const faults: unknown = (cell as { faults?: unknown }).faults;
  return Array.isArray(faults) && faults.length > 0 && faults.every(isAppliedFault);
}

/** The cell's faults, or none when the field is missing or malformed (results written by other versions). */
export function cellFaults(cell: CellResult): AppliedFault[] {
  const faults: unknown = (cell as { faults?: unknown }).faults;
  return Array.isArray(faults) && faults.every(isAppliedFault) ? faults : [];
}
