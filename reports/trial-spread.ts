/**
 * The spread across trials of one profile, per target: min / median / max of
 * throughput and p95. Shown only when a target ran more than one trial.
 */
import type { CellResult } from '../model/index.ts';
import { seriesColor } from './charts/palette.ts';
import { fmtMs, fmtRate } from './format.ts';

export interface SpreadRow {
  target: string;
  color: string;
  trials: number;
  /** `min / median / max`, formatted. */
  rate: [string, string, string];
  p95: [string, string, string];
}

export function trialSpread(cells: readonly CellResult[], targets: readonly string[]): SpreadRow[] | null {
  const rows: SpreadRow[] = [];
  for (const target of targets) {
    const mine = cells.filter((c) => c.target === target && c.summary);
    if (mine.length < 2) continue;
    const rate = spread(mine.map((c) => c.summary!.rate));
    const p95 = spread(mine.filter((c) => c.summary!.requests > 0).map((c) => c.summary!.duration.p95));
    rows.push({
      target,
      color: seriesColor(targets.indexOf(target)),
      trials: mine.length,
      rate: rate.map(fmtRate) as SpreadRow['rate'],
      p95: p95.map(fmtMs) as SpreadRow['p95'],
    });
  }
  return rows.length > 0 ? rows : null;
}

/** min, median, max (NaN when empty: formatted as a dash). */
function spread(values: number[]): [number, number, number] {
  if (values.length === 0) return [Number.NaN, Number.NaN, Number.NaN];
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return [s[0]!, median, s.at(-1)!];
}
