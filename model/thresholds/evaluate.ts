/**
 * Evaluates thresholds over interval samples, the way k6 does:
 *
 * - Trends compare in ms (`p(95)<200` is 200 ms); counter `rate` is per second
 *   over the measured window; `rate` metrics compare a 0..1 fraction.
 * - No data passes. A trend, gauge or rate with no samples has `actual: null`
 *   and `ok: true`: k6 skips empty metrics while the test runs and, at the end,
 *   leaves an empty rate unset, which passes (k6 #2520). A counter over
 *   existing intervals is never empty: it counts 0, and `count>0` then fails.
 * - `abortOnFail` stops the run only once the run is older than
 *   `delayAbortEval` (k6's AbortGracePeriod); see `shouldAbort`.
 */

import { parseDuration } from '../duration.ts';
import { aggregate, type MetricAccumulator, metricAccumulator, parseMetricKey } from '../metrics/registry.ts';
import type { IntervalSample } from '../metrics/types.ts';
import type { ThresholdResult } from '../results/types.ts';
import type { ThresholdsConfig } from '../scenario/schema.ts';
import { compare, parseThreshold } from './parse.ts';

/** A threshold's verdict, with what `shouldAbort` needs to honour `delayAbortEval`. */
export interface ThresholdOutcome extends ThresholdResult {
  /** `delayAbortEval` in ms, when set. */
  delayAbortEvalMs?: number;
}

export interface EvaluateOptions {
  /**
   * Evaluation time, ms since the epoch: only intervals that started before it
   * count, and counter rates divide by the time from the first interval to it.
   * Default: the whole run (first interval start → last interval end).
   */
  at?: number;
}

/**
 * Verdicts of every threshold, in the order written. The config must have
 * been validated (`checkThresholds`): an invalid key or expression throws.
 */
export function evaluateThresholds(
  thresholds: ThresholdsConfig | undefined,
  intervals: readonly IntervalSample[],
  opts: EvaluateOptions = {},
): ThresholdOutcome[] {
  if (!thresholds) return [];
  const { at } = opts;
  let accumulators: Map<string, MetricAccumulator>;
  let windowMs: number | undefined;
  if (at === undefined) {
    accumulators = liveAccumulators(thresholds, intervals);
  } else {
    const used = intervals.filter((s) => s.ts < at);
    accumulators = freshAccumulators(thresholds, used);
    if (used.length > 0) windowMs = Math.max(0, at - Math.min(...used.map((s) => s.ts)));
  }

  const results: ThresholdOutcome[] = [];
  for (const [metric, entries] of Object.entries(thresholds)) {
    const values = accumulators.get(metric)!.values(windowMs === undefined ? {} : { windowMs });
    for (const entry of entries) {
      const source = typeof entry === 'string' ? entry : entry.threshold;
      const parsed = parseThreshold(source);
      if (!parsed.ok) throw new Error(`threshold ${metric}: "${source}": ${parsed.problem}`);
      const actual = values === null ? null : aggregate(values, parsed.expr.aggregation);
      const outcome: ThresholdOutcome = {
        metric,
        expression: source,
        ok: actual === null ? true : compare(actual, parsed.expr.op, parsed.expr.value),
        actual,
        abortOnFail: typeof entry !== 'string' && entry.abortOnFail,
      };
      if (typeof entry !== 'string' && entry.delayAbortEval !== undefined) {
        outcome.delayAbortEvalMs = parseDuration(entry.delayAbortEval);
      }
      results.push(outcome);
    }
  }
  return results;
}

function freshAccumulators(thresholds: ThresholdsConfig, intervals: readonly IntervalSample[]) {
  const accumulators = new Map<string, MetricAccumulator>();
  for (const metric of Object.keys(thresholds)) {
    const key = parseMetricKey(metric);
    if ('problem' in key) throw new Error(`threshold key "${metric}": ${key.problem}`);
    const acc = metricAccumulator(key);
    for (const s of intervals) acc.add(s);
    accumulators.set(metric, acc);
  }
  return accumulators;
}

/**
 * Live evaluation calls this once per interval with the same, growing array:
 * re-merging every histogram each time would cost O(intervals) per call and
 * block the generator on long runs. So the accumulators of an array are kept
 * (weakly) and only the intervals appended since the last call are folded in.
 * Any other change to the array (same object, not append-only) starts afresh.
 */
const live = new WeakMap<
  readonly IntervalSample[],
  {
    thresholds: ThresholdsConfig;
    seen: number;
    last: IntervalSample | undefined;
    accumulators: Map<string, MetricAccumulator>;
  }
>();

function liveAccumulators(thresholds: ThresholdsConfig, intervals: readonly IntervalSample[]) {
  let state = live.get(intervals);
  const appendOnly =
    state !== undefined &&
    state.thresholds === thresholds &&
    state.seen <= intervals.length &&
    (state.seen === 0 || intervals[state.seen - 1] === state.last);
  if (!state || !appendOnly) {
    state = { thresholds, seen: 0, last: undefined, accumulators: freshAccumulators(thresholds, []) };
    live.set(intervals, state);
  }
  for (let i = state.seen; i < intervals.length; i++) {
    for (const acc of state.accumulators.values()) acc.add(intervals[i]!);
  }
  state.seen = intervals.length;
  state.last = intervals.at(-1);
  return state.accumulators;
}

/**
 * The failed `abortOnFail` threshold that should stop the run now, if any.
 * `elapsedMs` is the time since the load started; like k6, a threshold with
 * `delayAbortEval` aborts only once `elapsedMs` is past that delay.
 */
export function shouldAbort(
  results: readonly ThresholdOutcome[],
  elapsedMs: number,
): ThresholdOutcome | undefined {
  return results.find(
    (r) => !r.ok && r.abortOnFail && (r.delayAbortEvalMs === undefined || elapsedMs > r.delayAbortEvalMs),
  );
}
