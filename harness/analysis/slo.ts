/**
 * The scenario's thresholds as the SLO of one window, and what a failed
 * threshold says about how the target failed.
 */
import type {
  FailureMode,
  IntervalSample,
  SloVerdict,
  ThresholdResult,
  ThresholdsConfig,
} from '../../model/index.ts';
import { evaluateThresholds } from '../thresholds/index.ts';

export function sloOf(
  thresholds: ThresholdsConfig | undefined,
  intervals: readonly IntervalSample[],
): SloVerdict {
  const evaluated = thresholds !== undefined && Object.keys(thresholds).length > 0;
  const results: ThresholdResult[] = evaluateThresholds(thresholds, intervals).map((t) => ({
    metric: t.metric,
    expression: t.expression,
    ok: t.ok,
    actual: t.actual,
    abortOnFail: t.abortOnFail,
  }));
  return { evaluated, ok: results.every((r) => r.ok), results };
}

/**
 * The failure mode a threshold's metric speaks for: latency trends →
 * `latency`; failed-request and check rates, and request counts filtered to
 * errors (`http_reqs{status:500}`) → `errors`; dropped iterations and the VU
 * pool → `dropped`; other counts and rates (http_reqs, iterations, data) → `throughput`.
 */
export function thresholdMode(metric: string): FailureMode {
  const [name = '', tags = ''] = metric.split('{');
  if (name === 'http_req_duration' || name === 'http_req_service_time') return 'latency';
  if (name === 'http_req_failed' || name === 'checks') return 'errors';
  if (name === 'dropped_iterations' || name === 'vus' || name === 'vus_max') return 'dropped';
  if (/status:\s*["']?[45]|error:|expected_response:\s*["']?false/.test(tags)) return 'errors';
  return 'throughput';
}

/** Failure modes in the order reports name them: what the user's SLO speaks of first. */
export const MODE_ORDER: readonly FailureMode[] = ['latency', 'errors', 'throughput', 'dropped'];
