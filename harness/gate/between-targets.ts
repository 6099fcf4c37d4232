/**
 * Do the targets of one run really differ, or is it noise? Per profile, each
 * target against the first one, with the statistics `harness compare` uses
 * (verdict.ts): a Mann–Whitney test over the trials' figures when both ran
 * at least MIN_TRIALS trials, otherwise over per-second figures at the
 * stricter interval α — and a move must also pass the tolerance. Plus the
 * spread of each target's trials: a trial far from the others (a cold
 * machine, a busy neighbour) is said, not averaged away.
 *
 * This is the console's note; report verdicts are the reports' business.
 */
import type { CellResult, CompareMetric, MetricComparison, RunResults } from '../../model/index.ts';
import { MIN_INTERVALS, MIN_TRIALS } from './compare.ts';
import { cellValue, intervalSeries, median } from './metric-samples.ts';
import { DEFAULT_ALPHA, DEFAULT_INTERVAL_ALPHA, DEFAULT_TOLERANCES, fmtP, judgeMetric } from './verdict.ts';

/** The latency figures a console note speaks of. */
const NOTE_METRICS: readonly CompareMetric[] = ['p50', 'p95'];

/** A target's trials spread this much (max / min of p95) or more: too wide to judge by one of them. */
export const WIDE_SPREAD = 1.5;

export interface TargetComparison {
  profile: string;
  reference: string;
  target: string;
  method: 'trials' | 'intervals';
  /** Trials (or per-second samples) a side. */
  samples: [number, number];
  metrics: MetricComparison[];
  /** No latency metric moved beyond noise and tolerance. */
  noSignificantDifference: boolean;
}

export interface TrialSpread {
  profile: string;
  target: string;
  /** Each trial's p95, in run order. */
  p95: number[];
}

/**
 * Each target against the profile's first one, judged against noise. With
 * fault schedules, like against like: within a schedule each target against
 * that schedule's first, and each target under a schedule against itself
 * under the run's first schedule (`monolith@kill-app` vs `monolith@none`).
 */
export function compareTargets(results: RunResults): TargetComparison[] {
  const out: TargetComparison[] = [];
  for (const [profile, byTarget] of completedByProfile(results)) {
    for (const [reference, target] of pairs(byTarget)) {
      const refCells = byTarget.get(reference)!;
      const cells = byTarget.get(target)!;
      const byTrials = refCells.length >= MIN_TRIALS && cells.length >= MIN_TRIALS;
      const series = byTrials ? undefined : { r: intervalSeries(refCells), c: intervalSeries(cells) };
      const metrics = NOTE_METRICS.map((metric) => {
        const r = values(refCells, metric);
        const c = values(cells, metric);
        return judgeMetric({
          metric,
          baseline: median(r),
          current: median(c),
          baselineSamples: series ? series.r[metric] : r,
          currentSamples: series ? series.c[metric] : c,
          minSamples: byTrials ? MIN_TRIALS : MIN_INTERVALS,
          alpha: byTrials ? DEFAULT_ALPHA : DEFAULT_INTERVAL_ALPHA,
          tolerances: DEFAULT_TOLERANCES,
        });
      });
      out.push({
        profile,
        reference,
        target,
        method: byTrials ? 'trials' : 'intervals',
        samples: metrics[0]?.samples ?? [0, 0],
        metrics,
        noSignificantDifference: metrics.every((m) => m.verdict !== 'better' && m.verdict !== 'worse'),
      });
    }
  }
  return out;
}

/** Targets whose trials' p95 spread by WIDE_SPREAD or more. */
export function wideTrialSpreads(results: RunResults): TrialSpread[] {
  const out: TrialSpread[] = [];
  for (const [profile, byTarget] of completedByProfile(results)) {
    for (const [target, cells] of byTarget) {
      const p95 = values(cells, 'p95');
      if (p95.length < 2) continue;
      const min = Math.min(...p95);
      if (min > 0 && Math.max(...p95) / min >= WIDE_SPREAD) out.push({ profile, target, p95 });
    }
  }
  return out;
}

/** The console's lines: one per compared pair, then one per wide spread. */
export function noiseNotes(results: RunResults): string[] {
  const comparisons = compareTargets(results);
  const lines = comparisons.map(describeComparison);
  if (comparisons.some((c) => c.method === 'intervals'))
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

function describeComparison(c: TargetComparison): string {
  const over =
    c.method === 'trials'
      ? `over ${c.samples[0]} vs ${c.samples[1]} trials`
      : `over ${c.samples[0]} vs ${c.samples[1]} per-second samples`;
  const figures = c.metrics
    .map((m) => {
      if (m.baseline === null || m.current === null) return `${m.metric} —`;
      const ratio = m.baseline > 0 ? ` (×${(m.current / m.baseline).toFixed(2)}` : ' (';
      const p = m.pValue === null ? '' : `p=${fmtP(m.pValue)}`;
      const judged =
        m.verdict === 'better' || m.verdict === 'worse'
          ? `beyond noise, ${p}`
          : `within noise${p ? `, ${p}` : ''}`;
      return `${m.metric} ${fmtMs(m.current)} vs ${fmtMs(m.baseline)} ms${ratio}, ${judged})`;
    })
    .join('; ');
  const head = c.noSignificantDifference
    ? `no significant difference between ${c.target} and ${c.reference} at this load`
    : `${c.target} vs ${c.reference}: ${c.metrics.some((m) => m.verdict === 'better') ? 'faster' : 'slower'} beyond noise`;
  return `noise: ${c.profile} — ${head}: ${figures} ${over}`;
}

/** [reference, target] pairs of one profile's targets (see compareTargets). */
function pairs(byTarget: Map<string, CellResult[]>): [string, string][] {
  const names = [...byTarget.keys()];
  const scheduleOf = (name: string) => byTarget.get(name)![0]!.schedule;
  const baseOf = (name: string) => {
    const schedule = scheduleOf(name);
    return schedule === undefined ? name : name.slice(0, -(schedule.length + 1));
  };
  const schedules = [...new Set(names.map(scheduleOf))];
  const out: [string, string][] = [];
  for (const schedule of schedules) {
    const [first, ...rest] = names.filter((n) => scheduleOf(n) === schedule);
    for (const n of rest) out.push([first!, n]);
  }
  const reference = schedules[0];
  for (const n of names) {
    if (scheduleOf(n) === reference) continue;
    const ref = names.find((m) => scheduleOf(m) === reference && baseOf(m) === baseOf(n));
    if (ref !== undefined) out.push([ref, n]);
  }
  return out;
}

/** Completed cells with a summary: profile → target → cells, in run order. */
function completedByProfile(results: RunResults): Map<string, Map<string, CellResult[]>> {
  const map = new Map<string, Map<string, CellResult[]>>();
  for (const c of results.cells) {
    if (c.status !== 'completed' || !c.summary) continue;
    const byTarget = map.get(c.profile) ?? new Map<string, CellResult[]>();
    map.set(c.profile, byTarget);
    byTarget.set(c.target, [...(byTarget.get(c.target) ?? []), c]);
  }
  return map;
}

function values(cells: readonly CellResult[], metric: CompareMetric): number[] {
  return cells.map((c) => cellValue(c, metric)).filter((v): v is number => v !== null);
}

function fmtMs(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}
