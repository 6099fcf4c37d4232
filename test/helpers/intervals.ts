/**
 * Builders of realistic interval samples for unit tests: latencies go through
 * a real LatencyHistogram and are encoded as the engine encodes them.
 */

import type { ErrorClass, IntervalSample, RequestStats } from '../../model/index.ts';
import { LatencyHistogram } from '../../model/index.ts';

export interface RequestInit {
  /** One latency per request, in ms (recorded in µs). */
  latenciesMs: readonly number[];
  /** Open model: service times in ms. */
  serviceMs?: readonly number[];
  failed?: number;
  errors?: Partial<Record<ErrorClass, number>>;
  /** Default: every request answered 200. */
  statuses?: Record<string, number>;
  bytesSent?: number;
  bytesReceived?: number;
}

export function encodeMs(values: readonly number[]): string {
  const h = LatencyHistogram.create();
  for (const ms of values) h.record(ms * 1000);
  return h.encode();
}

export function requestStats(init: RequestInit): RequestStats {
  const count = init.latenciesMs.length;
  return {
    count,
    failed: init.failed ?? 0,
    errors: init.errors ?? {},
    statuses: init.statuses ?? (count > 0 ? { '200': count } : {}),
    duration: encodeMs(init.latenciesMs),
    ...(init.serviceMs ? { serviceTime: encodeMs(init.serviceMs) } : {}),
    bytesSent: init.bytesSent ?? count * 100,
    bytesReceived: init.bytesReceived ?? count * 1000,
  };
}

/** One interval starting at `ts` (default length 1 s). */
export function intervalSample(
  ts: number,
  byRequest: Record<string, RequestInit>,
  extra: Partial<Omit<IntervalSample, 'ts' | 'byRequest'>> = {},
): IntervalSample {
  const stats = Object.fromEntries(
    Object.entries(byRequest).map(([name, init]) => [name, requestStats(init)]),
  );
  const count = Object.values(stats).reduce((n, r) => n + r.count, 0);
  return {
    ts,
    durationMs: 1000,
    byRequest: stats,
    iterations: count,
    droppedIterations: 0,
    vus: 10,
    vusMax: 10,
    ...extra,
  };
}

/** `n` values spread evenly over [from, to] ms. */
export function spread(n: number, from: number, to: number): number[] {
  return Array.from({ length: n }, (_, i) => (n === 1 ? from : from + ((to - from) * i) / (n - 1)));
}
