import { describe, expect, it } from 'vitest';
import type { IntervalSample } from '../../../model/index.ts';
import { LatencyHistogram } from '../../../model/index.ts';
import { mergeIntervalSamples } from './merge-samples.ts';

const sample = (values: number[], extra: Partial<IntervalSample> = {}): IntervalSample => {
  const h = LatencyHistogram.create();
  for (const v of values) h.record(v);
  return {
    ts: 1000,
    durationMs: 1000,
    byRequest: {
      get: {
        count: values.length,
        failed: 1,
        errors: { http_5xx: 1 },
        statuses: { '200': values.length - 1, '500': 1 },
        duration: h.encode(),
        bytesSent: 10 * values.length,
        bytesReceived: 20 * values.length,
      },
    },
    iterations: values.length,
    droppedIterations: 1,
    vus: 2,
    vusMax: 3,
    scheduleLag: h.encode(),
    generator: { eventLoopLagP99Ms: values.length, eventLoopLagMaxMs: 9, cpuCores: 0.5 },
    ...extra,
  };
};

describe('mergeIntervalSamples', () => {
  it('sums counters and merges histograms exactly: the merge holds what one histogram would', () => {
    const a = [120, 250, 999, 1500, 70_000];
    const b = [80, 250, 3000];
    const merged = mergeIntervalSamples([sample(a, { checks: { passes: 2, fails: 1 } }), sample(b)]);
    const one = LatencyHistogram.create();
    for (const v of [...a, ...b]) one.record(v);
    const got = LatencyHistogram.decode(merged.byRequest.get!.duration);
    expect(got.count).toBe(8);
    for (const p of [0, 25, 50, 90, 99, 100]) expect(got.percentile(p)).toBe(one.percentile(p));
    expect(got.mean).toBe(one.mean);
    expect(LatencyHistogram.decode(merged.scheduleLag!).count).toBe(8);
    expect(merged.byRequest.get).toMatchObject({
      count: 8,
      failed: 2,
      errors: { http_5xx: 2 },
      statuses: { '200': 6, '500': 2 },
      bytesSent: 80,
      bytesReceived: 160,
    });
    expect(merged).toMatchObject({
      iterations: 8,
      droppedIterations: 2,
      vus: 4,
      vusMax: 6,
      checks: { passes: 2, fails: 1 },
      generator: { eventLoopLagP99Ms: 5, eventLoopLagMaxMs: 9 },
    });
  });
});
