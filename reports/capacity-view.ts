/**
 * The capacity of each target, as the reports show it: one row per target
 * and capacity profile (its trials and repeats together) — the capacity at
 * the SLO with its knee and uncertainty, why the search stopped, where the
 * bottleneck was, requests per core at the SLO — and one sentence per
 * profile comparing the targets' capacities. Every value formatted here.
 */
import type { CapacityStop, CellResult, RunResults } from '../model/index.ts';
import { summarizeRepeats } from '../model/index.ts';
import { inOrder, runAxes } from './cell-label.ts';
import { seriesColor } from './charts/palette.ts';
import { fmtInt, fmtPct } from './format.ts';

export interface CapacityRow {
  profile: string;
  target: string;
  color: string;
  /** The median capacity over every search of the target, req/s; null when none found one. */
  value: number | null;
  capacity: string;
  /** Where the knee lies: `1,200 – 1,260/s`, or `≥ 1,200/s` when the search never saw a failure. */
  knee: string;
  /** How sure: the bracket's half-width, and the spread over several searches. */
  uncertainty: string;
  stop: string;
  steps: number;
  /** Steps the load generator limited: shown on the curve, never counted. */
  generatorBound: number;
  bottleneck: string;
  /** Requests per second per core of the target at the capacity step. */
  perCore: string;
  searches: number;
  /** Lowest lower and highest upper bound over the searches: where the knee may be. */
  range: { lower: number | null; upper: number | null };
  /** What makes the figure less sure: a shared machine. */
  warnings: string[];
}

export interface CapacityTable {
  profile: string;
  rows: CapacityRow[];
  /** The targets compared by capacity, in words; null with one target. */
  sentence: string | null;
  settings: string;
}

const STOP_WORDS: Record<CapacityStop, string> = {
  converged: 'converged',
  'max-rate': 'reached maxRate (a lower bound)',
  'min-rate': 'no rate met the SLO',
  generator: 'a lower bound: the load generator could not offer more',
  'max-steps': 'ran out of steps',
  aborted: 'stopped early',
};

/** Capacity cells of the run, by profile; empty when the run searched none. */
export function capacityTables(results: RunResults): CapacityTable[] {
  const { targets, profiles } = runAxes(results);
  const tables: CapacityTable[] = [];
  for (const profile of profiles) {
    const cells = results.cells.filter((c) => c.profile === profile && c.capacity !== undefined);
    if (cells.length === 0) continue;
    const rows = inOrder(cells.map((c) => c.target)).map((target) =>
      capacityRow(
        cells.filter((c) => c.target === target),
        seriesColor(Math.max(0, targets.indexOf(target))),
      ),
    );
    tables.push({ profile, rows, sentence: compareSentence(rows), settings: settingsText(cells[0]!) });
  }
  return tables;
}

function capacityRow(cells: readonly CellResult[], color: string): CapacityRow {
  const first = cells[0]!;
  const searches = cells.flatMap((c) => c.capacity!.searches);
  const r = summarizeRepeats(searches);
  const lowers = searches.map((s) => s.bracket.lower).filter((v): v is number => v !== null);
  const uppers = searches.map((s) => s.bracket.upper);
  const range = {
    lower: lowers.length > 0 ? Math.min(...lowers) : null,
    upper: uppers.some((u) => u === null) || uppers.length === 0 ? null : Math.max(...(uppers as number[])),
  };
  const steps = cells.flatMap((c) => c.capacity!.steps);
  const per = cells
    .map((c) => c.cost?.requestsPerCoreAtSlo)
    .filter((v): v is number => typeof v === 'number');
  const bottlenecks = inOrder(
    cells.map((c) => c.capacity!.bottleneck?.reason).filter((b): b is string => !!b),
  );
  return {
    profile: first.profile,
    target: first.target,
    color,
    value: r.capacity,
    capacity: r.capacity === null ? 'none' : `${rate(r.capacity)}/s`,
    knee:
      range.lower === null
        ? range.upper === null
          ? '–'
          : `below ${rate(range.upper)}/s`
        : range.upper === null
          ? `≥ ${rate(range.lower)}/s`
          : `${rate(range.lower)} – ${rate(range.upper)}/s`,
    uncertainty: uncertainty(r),
    stop: inOrder(cells.map((c) => STOP_WORDS[c.capacity!.stop] ?? c.capacity!.stop)).join('; '),
    steps: steps.length,
    generatorBound: steps.filter((s) => s.verdict === 'generator-bound').length,
    bottleneck: bottlenecks.join(' / ') || '–',
    perCore: per.length === 0 ? '–' : fmtInt(median(per)),
    searches: searches.length,
    range,
    warnings: inOrder(
      cells.flatMap((c) => c.capacity!.notes.filter((n) => n.startsWith('the machine was shared'))),
    ),
  };
}

function uncertainty(r: ReturnType<typeof summarizeRepeats>): string {
  const parts: string[] = [];
  if (r.halfWidth !== null && r.capacity)
    parts.push(`±${rate(r.halfWidth)}/s (${fmtPct(r.halfWidth / r.capacity)}) within a search`);
  if (r.spread !== null && r.min !== null && r.max !== null)
    parts.push(`${rate(r.min)} – ${rate(r.max)}/s over ${r.repeats} searches (spread ${fmtPct(r.spread)})`);
  return parts.join('; ') || '–';
}

/** `cached holds 2.1× monolith's rate at the SLO (2,500 vs 1,200/s), beyond the knees' uncertainty.` */
export function compareSentence(rows: readonly CapacityRow[]): string | null {
  const found = rows.filter((r) => r.value !== null);
  if (rows.length < 2) return null;
  if (found.length === 0) return 'No target met the SLO at any rate searched.';
  const sorted = [...found].sort((a, b) => b.value! - a.value!);
  const best = sorted[0]!;
  const parts = sorted.slice(1).map((r) => {
    const overlap =
      best.range.lower !== null && r.range.upper !== null ? best.range.lower < r.range.upper : true;
    return `${(best.value! / r.value!).toFixed(1)}× ${r.target}'s (${rate(best.value!)} vs ${rate(r.value!)}/s${overlap ? ', within the knees’ uncertainty' : ''})`;
  });
  const none = rows.filter((r) => r.value === null).map((r) => r.target);
  return `${best.target} holds the highest rate at the SLO${parts.length ? `: ${parts.join(', ')}` : ''}.${none.length ? ` ${none.join(', ')}: no rate met the SLO.` : ''}`;
}

function settingsText(cell: CellResult): string {
  const s = cell.capacity!.settings;
  return `From ${rate(s.startRate)}/s, ×${s.growth} while each step holds, then bisected to within ${fmtPct(s.tolerance)}; each rate held ${s.stepDuration}, measured after the first ${s.settle}. A step holds when every threshold passes, at least ${fmtPct(s.throughputFloor)} of the offered rate gets through and no more than ${fmtPct(s.maxDroppedRatio)} of iterations are dropped.`;
}

function rate(r: number): string {
  return r >= 100 ? fmtInt(r) : String(Number(r.toPrecision(3)));
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
