/**
 * The capacity-search planner: given the steps run so far, the next rate to
 * offer, or the result. A pure function of the history, so an orchestrator
 * drives it one step at a time and a test feeds it recorded outcomes:
 *
 *   for (;;) {
 *     const d = planCapacity(steps, options);
 *     if (d.action === 'stop') return d.result;
 *     steps.push(await runStep(d.rate));   // hold the rate, measure its steady part
 *   }
 *
 * The search:
 * 1. step up geometrically (× growth) from startRate while every step holds;
 * 2. the first step that fails brackets the knee between the last pass and
 *    it — when the very first step fails, step down (÷ growth) until one holds;
 * 3. bisect the bracket until (fail − pass) ≤ tolerance × pass: the knee.
 *
 * A step holds when the SLO (the scenario's thresholds over the step) held,
 * the target kept up (achieved ≥ 95 % of offered) and at most 1 % of the
 * offered iterations were dropped — the stress preset's definition. The
 * failure that ends the step-up is tried once more unless the target fell
 * behind the offered rate (a noisy second should not cap the search); a rate
 * tried twice counts by its last try.
 * A generator-bound step is neither pass nor fail: it measured the load
 * generator. It is retried once; a rate that stays generator-bound is a
 * ceiling the search cannot look past: it bisects between the last rate that
 * held and the ceiling (a bound step there is a lower ceiling at once) until
 * they are within the tolerance, and stops — the capacity found is a lower bound.
 */
import type {
  CapacityDecision,
  CapacityOptions,
  CapacityResult,
  CapacityStep,
  CapacityStop,
  CurvePoint,
  StepFailure,
} from './types.ts';

type Resolved = Required<CapacityOptions>;

export function resolveCapacityOptions(o: CapacityOptions): Resolved {
  const r: Resolved = {
    startRate: o.startRate,
    growth: o.growth ?? 2,
    maxRate: o.maxRate ?? Number.POSITIVE_INFINITY,
    minRate: o.minRate ?? o.startRate / 64,
    tolerance: o.tolerance ?? 0.05,
    throughputFloor: o.throughputFloor ?? 0.95,
    maxDroppedRatio: o.maxDroppedRatio ?? 0.01,
    maxSteps: o.maxSteps ?? 20,
    generatorRetries: o.generatorRetries ?? 2,
    failRetries: o.failRetries ?? 2,
  };
  const problems: string[] = [];
  if (!(r.startRate > 0)) problems.push(`startRate must be > 0, got ${r.startRate}`);
  if (!(r.growth > 1)) problems.push(`growth must be > 1, got ${r.growth}`);
  if (!(r.maxRate >= r.startRate))
    problems.push(`maxRate (${r.maxRate}) must be ≥ startRate (${r.startRate})`);
  if (!(r.minRate > 0 && r.minRate <= r.startRate))
    problems.push(`minRate must be in (0, startRate], got ${r.minRate}`);
  if (!(r.tolerance > 0)) problems.push(`tolerance must be > 0, got ${r.tolerance}`);
  if (!(r.maxSteps >= 1)) problems.push(`maxSteps must be ≥ 1, got ${r.maxSteps}`);
  if (!(r.generatorRetries >= 1)) problems.push(`generatorRetries must be ≥ 1, got ${r.generatorRetries}`);
  if (!(r.failRetries >= 1)) problems.push(`failRetries must be ≥ 1, got ${r.failRetries}`);
  if (problems.length > 0) throw new RangeError(`capacity search: ${problems.join('; ')}`);
  return r;
}

/** Pass, fail (and why), or generator-bound (neither). */
export function judgeStep(
  step: CapacityStep,
  o: Pick<Resolved, 'throughputFloor' | 'maxDroppedRatio'>,
): { verdict: CurvePoint['verdict']; failures: StepFailure[] } {
  const failures: StepFailure[] = [];
  if (!step.sloMet) failures.push('slo');
  if (step.achieved < o.throughputFloor * step.offered) failures.push('throughput');
  if (step.dropped > o.maxDroppedRatio * step.offered * step.durationS) failures.push('dropped');
  if (step.generatorBound) return { verdict: 'generator-bound', failures };
  return { verdict: failures.length === 0 ? 'pass' : 'fail', failures };
}

export function planCapacity(steps: readonly CapacityStep[], options: CapacityOptions): CapacityDecision {
  const o = resolveCapacityOptions(options);
  if (steps.length === 0)
    return { action: 'run', rate: roundRate(o.startRate), phase: 'step-up', reason: 'first step' };

  const judged = steps.map((s) => ({ step: s, ...judgeStep(s, o) }));
  // A rate tried more than once counts by its last informative try.
  const last = new Map<number, (typeof judged)[number]>();
  for (const j of judged) if (j.verdict !== 'generator-bound') last.set(j.step.offered, j);
  const passes = [...last.values()].filter((j) => j.verdict === 'pass').map((j) => j.step.offered);
  const fails = [...last.values()].filter((j) => j.verdict === 'fail').map((j) => j.step.offered);
  const upper = fails.length > 0 ? Math.min(...fails) : null;
  const below = upper === null ? passes : passes.filter((r) => r < upper);
  const lower = below.length > 0 ? Math.max(...below) : null;
  const notes: string[] = [];
  const aboveKnee = upper === null ? [] : passes.filter((r) => r > upper);
  if (aboveKnee.length > 0)
    notes.push(
      `not monotonic: ${fmtRates(aboveKnee)} held above the failing ${fmtRate(upper!)} — noise near the knee; the capacity stays below the lowest failure`,
    );
  const stop = (why: CapacityStop, more: string[] = []): CapacityDecision => ({
    action: 'stop',
    result: result(judged, lower, upper, why, [...notes, ...more]),
  });

  // A generator-bound rate: try it again, or take it as the ceiling of what can be measured.
  const latest = judged.at(-1)!;
  const ceilings = boundRates(judged, o.generatorRetries);
  if (latest.verdict === 'generator-bound' && !ceilings.includes(latest.step.offered)) {
    if (steps.length >= o.maxSteps) return stop('max-steps', [budgetNote(o.maxSteps)]);
    return {
      action: 'run',
      rate: latest.step.offered,
      phase: 'retry',
      reason: `${fmtRate(latest.step.offered)} was generator-bound: trying it again`,
    };
  }
  // The failure that ends the step-up bounds the knee: confirm it, unless the target plainly fell behind.
  const tries = judged.filter(
    (j) => j.step.offered === latest.step.offered && j.verdict !== 'generator-bound',
  );
  if (
    latest.verdict === 'fail' &&
    latest.step.offered === upper &&
    fails.length === 1 &&
    !latest.failures.includes('throughput') &&
    tries.length < o.failRetries
  ) {
    if (steps.length >= o.maxSteps) return stop('max-steps', [budgetNote(o.maxSteps)]);
    return {
      action: 'run',
      rate: latest.step.offered,
      phase: 'retry',
      reason: `${fmtRate(latest.step.offered)} failed (${latest.failures.join(', ')}) while it kept up: trying it again before it bounds the knee`,
    };
  }
  const retried = [...last.values()].filter(
    (j) =>
      j.verdict === 'pass' && judged.some((k) => k.step.offered === j.step.offered && k.verdict === 'fail'),
  );
  if (retried.length > 0)
    notes.push(
      `${fmtRates(retried.map((j) => j.step.offered))} failed once and held on a retry: counted as held`,
    );
  const ceiling = ceilings.length > 0 ? Math.min(...ceilings) : Number.POSITIVE_INFINITY;
  const generatorNote = () =>
    `the load generator could not offer ${fmtRate(ceiling)} (generator-bound): the capacity is at least ${lower === null ? 'unknown' : fmtRate(lower)}, the target's own limit may lie higher`;
  /** Below the generator's ceiling: bisect between the last rate that held and it, to a lower bound within the tolerance. */
  const belowCeiling = (): CapacityDecision => {
    if (lower === null || ceiling - lower <= o.tolerance * lower) return stop('generator', [generatorNote()]);
    const mid = roundRate((lower + ceiling) / 2);
    if (mid <= lower || mid >= ceiling) return stop('generator', [generatorNote()]);
    return {
      action: 'run',
      rate: mid,
      phase: 'bisect',
      reason: `the generator could not offer ${fmtRate(ceiling)}: narrowing the lower bound between ${fmtRate(lower)} (held) and it`,
    };
  };

  if (steps.length >= o.maxSteps) return stop('max-steps', [budgetNote(o.maxSteps)]);

  if (upper === null) {
    // Every informative step held: keep stepping up.
    const from = lower ?? o.startRate;
    if (lower !== null && lower >= o.maxRate)
      return stop('max-rate', [`${fmtRate(o.maxRate)} (maxRate) held`]);
    const next = roundRate(Math.min(from * o.growth, o.maxRate));
    if (next >= ceiling) return belowCeiling();
    return { action: 'run', rate: next, phase: 'step-up', reason: `${fmtRate(from)} held` };
  }
  if (lower === null) {
    // Everything failed so far: step down from the lowest failure.
    const next = roundRate(upper / o.growth);
    if (next < o.minRate)
      return stop('min-rate', [`even ${fmtRate(upper)} failed; ${fmtRate(next)} is below minRate`]);
    if (next >= ceiling) return stop('generator', [generatorNote()]);
    return { action: 'run', rate: next, phase: 'step-down', reason: `${fmtRate(upper)} failed` };
  }
  if (upper - lower <= o.tolerance * lower) return stop('converged');
  const mid = roundRate((lower + upper) / 2);
  if (mid <= lower || mid >= upper) return stop('converged');
  if (mid >= ceiling) return belowCeiling();
  return {
    action: 'run',
    rate: mid,
    phase: 'bisect',
    reason: `the knee lies between ${fmtRate(lower)} (held) and ${fmtRate(upper)} (failed)`,
  };
}

/**
 * Rates whose last `retries` tries were all generator-bound: the generator's
 * ceiling (a rate that failed once and was then bound on every retry counts
 * too — else the search would retry it until its steps ran out). Once one is
 * known, a rate whose last try was generator-bound is a ceiling at once —
 * the generator's limit is established, retrying every rate under it would
 * only spend steps.
 */
function boundRates(judged: readonly { step: CapacityStep; verdict: string }[], retries: number): number[] {
  // Per rate: generator-bound tries since its last informative one.
  const trailing = new Map<number, number>();
  for (const j of judged)
    trailing.set(
      j.step.offered,
      j.verdict === 'generator-bound' ? (trailing.get(j.step.offered) ?? 0) + 1 : 0,
    );
  const confirmed = [...trailing].filter(([, n]) => n >= retries).map(([rate]) => rate);
  if (confirmed.length === 0) return confirmed;
  return [...trailing].filter(([, n]) => n >= 1).map(([rate]) => rate);
}

function result(
  judged: readonly { step: CapacityStep; verdict: CurvePoint['verdict']; failures: StepFailure[] }[],
  lower: number | null,
  upper: number | null,
  stop: CapacityStop,
  notes: string[],
): CapacityResult {
  const curve: CurvePoint[] = judged
    .map(({ step, verdict, failures }) => ({
      offered: step.offered,
      achieved: step.achieved,
      p95: step.p95,
      p99: step.p99,
      errorRate: step.errorRate,
      verdict,
      failures,
    }))
    .sort((a, b) => a.offered - b.offered);
  const bound = judged.filter((j) => j.verdict === 'generator-bound').length;
  if (bound > 0)
    notes.push(`${bound} generator-bound step${bound === 1 ? '' : 's'}: shown on the curve, never counted`);
  return {
    capacity: lower,
    bracket: {
      lower,
      upper,
      halfWidth: lower !== null && upper !== null ? (upper - lower) / 2 : null,
    },
    stop,
    curve,
    hottest: hottest(judged, lower, upper),
    steps: judged.length,
    notes,
  };
}

/** The component with the most CPU at the first failing rate (else at the highest pass). */
function hottest(
  judged: readonly { step: CapacityStep; verdict: CurvePoint['verdict'] }[],
  lower: number | null,
  upper: number | null,
): CapacityResult['hottest'] {
  const at = upper ?? lower;
  const step = judged.find(
    (j) => j.step.offered === at && j.verdict !== 'generator-bound' && j.step.cpu,
  )?.step;
  if (step?.cpu === undefined) return null;
  let best: { component: string; cores: number } | null = null;
  for (const [component, cores] of Object.entries(step.cpu))
    if (best === null || cores > best.cores) best = { component, cores };
  return best === null ? null : { ...best, atRate: step.offered };
}

/** Rates as an operator would type them: 3 significant digits, whole numbers from 1000 on. */
export function roundRate(r: number): number {
  return r >= 1000 ? Math.round(r) : Number(r.toPrecision(3));
}

function budgetNote(max: number): string {
  return `stopped after ${max} steps (maxSteps) before the bracket was within the tolerance`;
}

function fmtRate(r: number): string {
  return `${r}/s`;
}

function fmtRates(rs: readonly number[]): string {
  return rs.map(fmtRate).join(', ');
}
