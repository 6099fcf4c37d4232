/**
 * The fault impact table of one profile: one row per applied fault of each
 * cell, with what it cost (chaos/steady-state/impact.ts) — error rate and p99
 * before / during / after, time to detect and to recover, availability — and
 * the cell's lost and stale writes. The worst value of each judged column is
 * marked, and faults that could not be applied are listed apart.
 */
import type { CellResult } from '../model/index.ts';
import { cellDigest } from './cell-digest.ts';
import { type AppliedFault, cellFaultFailures, cellFaults, faultName } from './cell-faults.ts';
import { cellLabel } from './cell-label.ts';
import { seriesColor } from './charts/palette.ts';
import { DASH, fmtInt, fmtMs, fmtPct } from './format.ts';

export interface ImpactCell {
  text: string;
  /** The worst value of its column among the rows. */
  worst?: boolean;
  /** Judged on its own: false = bad (not recovered, data lost), true = good. */
  ok?: boolean;
  /** Tooltip: why (what the first interval out of steady state broke). */
  title?: string;
}

export interface ImpactRow {
  cell: string;
  color: string;
  fault: string;
  /** `latency on app→postgres`, with a failed revert if any. */
  title: string;
  at: string;
  duration: string;
  /** Error rate before, during, after. */
  errors: [ImpactCell, ImpactCell, ImpactCell];
  /** p99 ms before, during, after. */
  p99: [ImpactCell, ImpactCell, ImpactCell];
  detect: ImpactCell;
  recover: ImpactCell;
  availability: ImpactCell;
  /** `lost / stale` writes of the cell. */
  integrity: ImpactCell;
  /** Set when the row holds at least one worst value. */
  worst: boolean;
}

export interface FaultImpactView {
  rows: ImpactRow[];
  /** `monolith: partition *→nats — no proxied edge…` */
  failures: string[];
}

interface Raw {
  errDuring: number | null;
  p99During: number | null;
  detect: number | null;
  /** Infinity: not recovered. */
  recover: number | null;
  availability: number | null;
  damage: number | null;
}

export function faultImpactView(
  cells: readonly CellResult[],
  trials: number,
  targets: readonly string[],
): FaultImpactView | null {
  const rows: ImpactRow[] = [];
  const raws: Raw[] = [];
  const failures: string[] = [];
  for (const cell of cells) {
    const label = cellLabel(cell, trials);
    for (const f of cellFaultFailures(cell)) failures.push(`${label}: ${f.label} — ${f.error}`);
    const { t0, span } = cellDigest(cell);
    for (const f of cellFaults(cell)) {
      const { row, raw } = faultRow(cell, label, f, t0, span, targets);
      rows.push(row);
      raws.push(raw);
    }
  }
  if (rows.length === 0 && failures.length === 0) return null;
  if (rows.length > 1) markWorst(rows, raws);
  return { rows, failures };
}

function faultRow(
  cell: CellResult,
  label: string,
  f: AppliedFault,
  t0: number | undefined,
  span: number,
  targets: readonly string[],
): { row: ImpactRow; raw: Raw } {
  const i = f.impact;
  const start = t0 ?? cell.startedAt ?? f.appliedAt;
  const reverted = f.revertedAt !== undefined;
  // A condition of the cell (a fault at 0 s to the end) is applied before the warm-up: count from the load.
  const from = Math.max(f.appliedAt, start);
  const durationS = reverted ? (f.revertedAt! - from) / 1000 : span - (from - start) / 1000;
  const endedWithLoad = i !== undefined && i.recoveryMs === null && loadEndedFirst(cell, f);
  const notRecovered =
    i !== undefined && i.steadyState !== 'none' && reverted && i.recoveryMs === null && !endedWithLoad;
  const integrity = cell.integrity;
  const damage = integrity ? integrity.lost + integrity.stale : null;
  const row: ImpactRow = {
    cell: label,
    color: seriesColor(targets.indexOf(cell.target)),
    fault: faultName(f),
    title: `${f.kind} on ${f.target}${f.revertError ? ` — revert failed: ${f.revertError}` : ''}`,
    at: `${fmtS((from - start) / 1000)}`,
    duration: reverted ? fmtS(durationS) : `${fmtS(Math.max(0, durationS))}, not reverted`,
    errors: [
      { text: fmtPct(i?.before?.errorRate) },
      { text: fmtPct(i?.during?.errorRate) },
      { text: fmtPct(i?.after?.errorRate) },
    ],
    p99: [{ text: fmtMs(i?.before?.p99) }, { text: fmtMs(i?.during?.p99) }, { text: fmtMs(i?.after?.p99) }],
    detect: { text: detectText(i), ...(i?.detectedBy ? { title: i.detectedBy } : {}) },
    recover: notRecovered
      ? { text: 'not recovered', ok: false }
      : endedWithLoad
        ? { text: 'load ended' }
        : { text: i?.recoveryMs === null || i?.recoveryMs === undefined ? DASH : fmtS(i.recoveryMs / 1000) },
    availability: {
      text: i?.availability === null || i?.availability === undefined ? DASH : fmtAvail(i.availability),
    },
    integrity:
      integrity === undefined
        ? { text: DASH }
        : { text: `${fmtInt(integrity.lost)} / ${fmtInt(integrity.stale)}`, ok: damage === 0 },
    worst: false,
  };
  return {
    row,
    raw: {
      errDuring: i?.during?.errorRate ?? null,
      p99During: i?.during?.p99 ?? null,
      detect: i?.detectMs ?? null,
      recover: notRecovered ? Number.POSITIVE_INFINITY : (i?.recoveryMs ?? null),
      availability: i?.availability ?? null,
      damage,
    },
  };
}

/**
 * The load stopped before a recovery could be seen: the fault lasted to the
 * end (it is reverted when the load stops) or was reverted in its last
 * seconds. Results written before `endedWithLoad` are judged from the cell's intervals.
 */
function loadEndedFirst(cell: CellResult, f: AppliedFault): boolean {
  if (f.impact?.endedWithLoad !== undefined) return f.impact.endedWithLoad;
  if (f.revertedAt === undefined) return true;
  return cell.intervals.filter((s) => s.ts + s.durationMs > f.revertedAt!).length < 3;
}

/**
 * Time to detect; without one, why: the thresholds held although the load
 * moved (`within thresholds`), or nothing moved at all (`unnoticed`).
 */
function detectText(i: AppliedFault['impact']): string {
  if (i === undefined) return DASH;
  if (i.detectMs !== null) return fmtS(i.detectMs / 1000);
  if (i.steadyState === 'none') return DASH;
  const moved = i.moved ?? movedBetween(i.before ?? i.after, i.during);
  if (moved === null) return DASH;
  return moved ? (i.steadyState === 'thresholds' ? 'within thresholds' : 'moved') : 'unnoticed';
}

type Window = NonNullable<NonNullable<AppliedFault['impact']>['during']>;

/** For results without `moved`: chaos/steady-state's rule, from the stored windows. */
function movedBetween(reference: Window | null, during: Window | null): boolean | null {
  if (reference === null || during === null || reference.requests === 0) return null;
  return (
    during.errorRate > reference.errorRate + 0.01 ||
    during.p99 > reference.p99 * 2 ||
    during.rate < reference.rate / 2
  );
}

/** Worst = highest error rate, p99, recovery time and damage, lowest availability; only where rows differ. */
function markWorst(rows: ImpactRow[], raws: Raw[]): void {
  const pick: [(r: Raw) => number | null, (row: ImpactRow) => ImpactCell, 'max' | 'min'][] = [
    [(r) => r.errDuring, (row) => row.errors[1], 'max'],
    [(r) => r.p99During, (row) => row.p99[1], 'max'],
    [(r) => r.recover, (row) => row.recover, 'max'],
    [(r) => r.availability, (row) => row.availability, 'min'],
    [(r) => r.damage, (row) => row.integrity, 'max'],
  ];
  for (const [get, cellOf, dir] of pick) {
    const vals = raws.map(get);
    const defined = vals.filter((v): v is number => v !== null);
    if (defined.length < 2) continue;
    const target = dir === 'max' ? Math.max(...defined) : Math.min(...defined);
    if (defined.every((v) => v === target)) continue;
    // Nothing lost anywhere is not "worst"; neither is a clean 100 %.
    if (dir === 'max' && target === 0) continue;
    vals.forEach((v, k) => {
      if (v !== target) return;
      cellOf(rows[k]!).worst = true;
      rows[k]!.worst = true;
    });
  }
}

/** Seconds: `0.8 s`, `12 s`, `2 min 5 s`. */
export function fmtS(s: number): string {
  if (!Number.isFinite(s)) return DASH;
  if (s >= 120) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Number(s.toFixed(s < 10 ? 1 : 0))} s`;
}

/** Availability with enough nines to tell 99.9 % from 100 %. */
export function fmtAvail(a: number): string {
  if (a >= 1) return '100%';
  if (a >= 0.99) return `${(Math.floor(a * 10000) / 100).toFixed(2)}%`;
  return fmtPct(a);
}
