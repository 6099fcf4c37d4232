/**
 * The console's answer to "do the targets really differ, or is it noise?":
 * one line per comparison of the run's verdicts between targets
 * (target-verdicts.ts — each target against the reference, per profile and
 * fault schedule, with the statistics `harness compare` uses), told in
 * latency terms, plus the spread of each target's trials: a trial far from
 * the others (a cold machine, a busy neighbour) is said, not averaged away.
 */
import type {
  CellResult,
  MetricComparison,
  RunResults,
  TargetComparison,
  TargetVerdicts,
} from '../../model/index.ts';
import { groupCells } from './compare.ts';
import { cellValue } from './metric-samples.ts';
import { targetVerdicts } from './target-verdicts.ts';
import { fmtP } from './verdict.ts';

/** The latency figures a console note speaks of. */
const NOTE_METRICS = ['p50', 'p95'] as const;

/** A target's trials spread this much (max / min of p95) or more: too wide to judge by one of them. */
export const WIDE_SPREAD = 1.5;

export interface TrialSpread {
  profile: string;
  target: string;
  /** Each trial's p95, in run order. */
  p95: number[];
}

/**
 * Targets whose trials' p95 spread by WIDE_SPREAD or more. A capacity search
 * is left out: its p95 is that of the step at its capacity, a different rate
 * in each trial; its spread is the capacity's (the capacity table).
 */
export function wideTrialSpreads(results: RunResults): TrialSpread[] {
  const out: TrialSpread[] = [];
  for (const cells of groupCells(results).values()) {
    if (cells[0]?.capacity !== undefined) continue;
    const p95 = values(cells, 'p95');
    if (p95.length < 2) continue;
    const min = Math.min(...p95);
    if (min > 0 && Math.max(...p95) / min >= WIDE_SPREAD)
      out.push({ profile: cells[0]!.profile, target: cells[0]!.target, p95 });
  }
  return out;
}

/** The console's lines: one per compared pair, then one per wide spread. */
export function noiseNotes(
  results: RunResults,
  verdicts: TargetVerdicts = targetVerdicts(results),
): string[] {
  const lines = verdicts.comparisons.map(describeComparison);
  if (verdicts.comparisons.some((c) => c.method === 'intervals'))
    lines.push(
      'noise: with a single trial the test runs over per-second samples, which overstates its confidence (a slow second tends to follow a slow second): use trials: 3 for a firmer answer',
    );
  for (const s of wideTrialSpreads(results)) {
    lines.push(
      `⚠ noise: ${s.profile} — ${s.target}'s trials spread ${s.p95.map(fmtMs).join(' / ')} ms (p95): one trial is not like the others (a cold or busy machine?); judge by the median of several trials, not by one`,
    );
  }
  return lines;
}

const moved = (m: MetricComparison) => m.verdict === 'better' || m.verdict === 'worse';

function describeComparison(c: TargetComparison): string {
  const metrics = NOTE_METRICS.map((name) => c.metrics.find((m) => m.metric === name)).filter(
    (m): m is MetricComparison => m !== undefined,
  );
  const [a, b] = c.metrics[0]?.samples ?? [0, 0];
  const over = c.method === 'trials' ? `over ${a} vs ${b} trials` : `over ${a} vs ${b} per-second samples`;
  const figures = metrics
    .map((m) => {
      if (m.baseline === null || m.current === null) return `${m.metric} —`;
      const ratio = m.baseline > 0 ? ` (×${(m.current / m.baseline).toFixed(2)}` : ' (';
      const p = m.pValue === null ? '' : `p=${fmtP(m.pValue)}`;
      const judged = moved(m) ? `beyond noise, ${p}` : `within noise${p ? `, ${p}` : ''}`;
      return `${m.metric} ${fmtMs(m.current)} vs ${fmtMs(m.baseline)} ms${ratio}, ${judged})`;
    })
    .join('; ');
  const head = metrics.some(moved)
    ? `${c.target} vs ${c.reference}: ${metrics.some((m) => m.verdict === 'better') ? 'faster' : 'slower'} beyond noise`
    : `no significant difference between ${c.target} and ${c.reference} at this load`;
  return `noise: ${c.profile} — ${head}: ${figures} ${over}`;
}

function values(cells: readonly CellResult[], metric: 'p95'): number[] {
  return cells.map((c) => cellValue(c, metric)).filter((v): v is number => v !== null);
}

function fmtMs(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}
