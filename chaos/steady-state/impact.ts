/**
 * What one fault did to the load, from the per-interval samples — a pure
 * function, JSON-safe result:
 *
 * - before / during / after: error rate, p50, p99, rate and request count of
 *   the window of equal length before the apply (never before the load
 *   started), of the fault (every interval that overlaps it, and those after
 *   the revert that still answer requests it held: `heldUntil`) and after that;
 * - time to detect: from the apply to the end of the first interval that
 *   leaves steady state (1-s intervals: that is when anyone could know);
 * - time to recover: from the revert to the start of the first of
 *   `recoverIntervals` (3) consecutive intervals back in steady state; `null`
 *   if that never happened (or the fault was never reverted);
 * - availability during the fault: successful / all requests;
 * - `endedWithLoad`: too few intervals after the revert to see a recovery;
 * - `moved`: whether errors, p99 or throughput moved at all, whatever the thresholds say.
 *
 * Steady state is judged on each interval alone, by everything there is to
 * judge it with: the scenario's thresholds (`evaluateThresholds(thresholds,
 * [interval])`) *and* the baseline — error rate ≤ before + 1 pp and p99 ≤
 * 2 × before — whenever the window before the fault had traffic. Thresholds
 * are an SLO, often far above normal (`p(99)<300`): a fault that multiplies
 * p99 by 17 but stays under them still left steady state, and is detected.
 * An interval where nothing completed while the baseline had traffic is not
 * steady either.
 */

import type {
  FaultImpact,
  FaultWindow,
  FaultWindowFigures,
  IntervalSample,
  ThresholdsConfig,
} from '../../model/index.ts';
import { evaluateThresholds, intervalQuick, LatencyHistogram, summarizeCell } from '../../model/index.ts';

export type { FaultImpact, FaultWindow, FaultWindowFigures };

export interface FaultImpactOptions {
  /** The scenario's thresholds: steady state = every one passes on the interval. */
  thresholds?: ThresholdsConfig;
  /** Consecutive steady intervals that make a recovery (default 3). */
  recoverIntervals?: number;
  /** Absolute error-rate increase that leaves the baseline (default 0.01 = 1 pp). */
  errorRateDelta?: number;
  /** p99 over the baseline's by this factor leaves it (default 2). */
  p99Factor?: number;
}

const endOf = (s: IntervalSample) => s.ts + s.durationMs;

export function faultImpact(
  intervals: readonly IntervalSample[],
  fault: FaultWindow,
  opts: FaultImpactOptions = {},
): FaultImpact {
  const sorted = [...intervals].sort((a, b) => a.ts - b.ts);
  const loadStart = sorted[0]?.ts ?? fault.appliedAt;
  const dataEnd = sorted.length > 0 ? Math.max(...sorted.map(endOf)) : fault.appliedAt;
  const faultEnd = fault.revertedAt ?? dataEnd;
  // A window never shorter than one interval, or a short fault would have no "before" to compare with.
  const step = sorted[0]?.durationMs ?? 1000;
  const length = Math.max(step, faultEnd - fault.appliedAt);

  const beforeSet = sorted.filter(
    (s) => s.ts >= Math.max(loadStart, fault.appliedAt - length) && endOf(s) <= fault.appliedAt,
  );
  const heldEnd = fault.revertedAt === undefined ? faultEnd : heldUntil(sorted, fault.revertedAt);
  const duringSet = sorted.filter((s) => endOf(s) > fault.appliedAt && s.ts < heldEnd);
  const afterSet =
    fault.revertedAt === undefined ? [] : sorted.filter((s) => s.ts >= heldEnd && s.ts < heldEnd + length);
  const before = figures(beforeSet);
  const during = figures(duringSet);

  const hasThresholds = opts.thresholds !== undefined && Object.keys(opts.thresholds).length > 0;
  const hasBaseline = before !== null && before.requests > 0;
  const mode: FaultImpact['steadyState'] =
    hasThresholds && hasBaseline
      ? 'thresholds+baseline'
      : hasThresholds
        ? 'thresholds'
        : hasBaseline
          ? 'baseline'
          : 'none';
  const errorRateDelta = opts.errorRateDelta ?? 0.01;
  const p99Factor = opts.p99Factor ?? 2;
  /** Why an interval is out of steady state, or null when it is steady. */
  const unsteady = (s: IntervalSample): string | null => {
    const count = Object.values(s.byRequest).reduce((n, r) => n + r.count, 0);
    if (count === 0) return before !== null && before.rate > 0 ? 'no request completed' : null;
    if (hasThresholds) {
      const failed = evaluateThresholds(opts.thresholds, [s]).find((r) => !r.ok);
      if (failed !== undefined) return `threshold ${failed.metric} ${failed.expression}`;
    }
    if (!hasBaseline || before === null) return null;
    const quick = intervalQuick(s);
    if (quick.errorRate > before.errorRate + errorRateDelta)
      return `error rate ${pct(quick.errorRate)} > ${pct(before.errorRate)} before + ${pct(errorRateDelta)}`;
    if (quick.p99 > before.p99 * p99Factor)
      return `p99 ${ms(quick.p99)} > ${p99Factor} × ${ms(before.p99)} before`;
    return null;
  };
  const steady = (s: IntervalSample): boolean => unsteady(s) === null;

  let detectMs: number | null = null;
  let detectedBy: string | undefined;
  if (mode !== 'none') {
    const watched = sorted.filter((s) => endOf(s) > fault.appliedAt && s.ts < faultEnd + length);
    for (const s of watched) {
      const why = unsteady(s);
      if (why === null) continue;
      detectMs = Math.max(0, endOf(s) - fault.appliedAt);
      detectedBy = why;
      break;
    }
  }

  let recoveryMs: number | null = null;
  if (mode !== 'none' && fault.revertedAt !== undefined) {
    const revertedAt = fault.revertedAt;
    const candidates = sorted.filter((s) => endOf(s) > revertedAt);
    const need = opts.recoverIntervals ?? 3;
    for (let i = 0; i + need <= candidates.length; i++) {
      const run = candidates.slice(i, i + need);
      const contiguous = run.every((s, k) => k === 0 || s.ts - endOf(run[k - 1]!) < step / 2);
      if (contiguous && run.every(steady)) {
        recoveryMs = Math.max(0, candidates[i]!.ts - revertedAt);
        break;
      }
    }
  }

  const after = figures(afterSet);
  return {
    fault: {
      ...(fault.kind === undefined ? {} : { kind: fault.kind }),
      ...(fault.target === undefined ? {} : { target: fault.target }),
      ...(fault.label === undefined ? {} : { label: fault.label }),
      appliedAt: fault.appliedAt,
      revertedAt: fault.revertedAt ?? null,
    },
    steadyState: mode,
    before,
    during,
    after,
    detectMs,
    ...(detectedBy === undefined ? {} : { detectedBy }),
    recoveryMs,
    endedWithLoad: endedWithLoad(sorted, fault.revertedAt, opts.recoverIntervals ?? 3),
    moved: moved(before ?? after, during, opts),
    availability:
      during === null || during.requests === 0 ? null : (during.requests - during.failed) / during.requests,
  };
}

/**
 * The end of the requests a fault held: a paused or partitioned target
 * answers what it held only after the revert, and those answers — slow by
 * the fault's length — are the fault's, not the recovery's. An interval
 * after the revert belongs to the fault while its slowest answer surely
 * started before the revert: even answered at the interval's very end, it
 * took longer than the time since the revert.
 */
function heldUntil(sorted: readonly IntervalSample[], revertedAt: number): number {
  let end = revertedAt;
  for (const s of sorted) {
    if (endOf(s) <= revertedAt) continue;
    // The interval the revert falls in is the fault's anyway.
    if (s.ts < revertedAt) {
      end = endOf(s);
      continue;
    }
    if (s.ts > end + 1 || endOf(s) - maxLatencyMs(s) >= revertedAt) break;
    end = endOf(s);
  }
  return end;
}

function maxLatencyMs(s: IntervalSample): number {
  let max = 0;
  for (const r of Object.values(s.byRequest))
    if (r.count > 0 && r.duration) max = Math.max(max, LatencyHistogram.decode(r.duration).max / 1000);
  return max;
}

/**
 * The load ended before `need` intervals followed the revert (a fault that
 * lasted the whole cell is reverted when the load stops): a recovery could
 * not be seen, which is not the same as "not recovered".
 */
function endedWithLoad(
  sorted: readonly IntervalSample[],
  revertedAt: number | undefined,
  need: number,
): boolean {
  if (revertedAt === undefined) return true;
  return sorted.filter((s) => endOf(s) > revertedAt).length < need;
}

/**
 * Whether the load felt the fault at all, whatever the steady state says:
 * the error rate rose by `errorRateDelta`, p99 grew by `p99Factor`, or the
 * throughput halved, against the window before (or, for a fault at the start,
 * after). Thresholds can hold while latency moves; "unnoticed" needs this false.
 */
function moved(
  reference: FaultWindowFigures | null,
  during: FaultWindowFigures | null,
  opts: FaultImpactOptions,
): boolean | null {
  if (reference === null || during === null || reference.requests === 0) return null;
  return (
    during.errorRate > reference.errorRate + (opts.errorRateDelta ?? 0.01) ||
    during.p99 > reference.p99 * (opts.p99Factor ?? 2) ||
    during.rate < reference.rate / 2
  );
}

function figures(set: readonly IntervalSample[]): FaultWindowFigures | null {
  if (set.length === 0) return null;
  const summary = summarizeCell(set);
  return {
    from: set[0]!.ts,
    to: Math.max(...set.map(endOf)),
    requests: summary.requests,
    failed: summary.failed,
    rate: summary.rate,
    errorRate: summary.errorRate,
    p50: summary.duration.med,
    p99: summary.duration.p99,
  };
}

function pct(rate: number): string {
  return `${Number((rate * 100).toPrecision(3))} %`;
}

function ms(value: number): string {
  return `${Number(value.toPrecision(3))} ms`;
}
