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
 * Steady state is the scenario's thresholds evaluated on each interval alone
 * (`evaluateThresholds(thresholds, [interval])`) or, without thresholds, the
 * baseline: error rate ≤ before + 1 pp and p99 ≤ 2 × before. Either way an
 * interval where nothing completed while the baseline had traffic is not steady.
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

  const mode: FaultImpact['steadyState'] =
    opts.thresholds !== undefined && Object.keys(opts.thresholds).length > 0
      ? 'thresholds'
      : before !== null && before.requests > 0
        ? 'baseline'
        : 'none';
  const steady = (s: IntervalSample): boolean => {
    const quick = intervalQuick(s);
    const count = Object.values(s.byRequest).reduce((n, r) => n + r.count, 0);
    if (count === 0) return !(before !== null && before.rate > 0);
    if (mode === 'thresholds') return evaluateThresholds(opts.thresholds, [s]).every((r) => r.ok);
    if (mode === 'none' || before === null) return true;
    return (
      quick.errorRate <= before.errorRate + (opts.errorRateDelta ?? 0.01) &&
      quick.p99 <= before.p99 * (opts.p99Factor ?? 2)
    );
  };

  let detectMs: number | null = null;
  if (mode !== 'none') {
    const watched = sorted.filter((s) => endOf(s) > fault.appliedAt && s.ts < faultEnd + length);
    const first = watched.find((s) => !steady(s));
    if (first !== undefined) detectMs = Math.max(0, endOf(first) - fault.appliedAt);
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
