import { describe, expect, it } from 'vitest';
import type { IntervalSample } from '../../../model/index.ts';
import { LatencyHistogram } from '../../../model/index.ts';
import { IntervalRecorder } from './interval-recorder.ts';

const recorder = (samples: IntervalSample[]) =>
  new IntervalRecorder({
    names: ['read', 'write', 'read'],
    serviceTime: true,
    startedAt: 1_000_000,
    t0: 500,
    intervalMs: 1000,
    gauges: () => ({ vus: 3, vusMax: 5 }),
    sink: { onInterval: (s) => samples.push(s) },
  });

describe('IntervalRecorder', () => {
  it('puts each request in the interval of its timestamp and closes intervals as time passes', () => {
    const samples: IntervalSample[] = [];
    const r = recorder(samples);
    r.recordRequest(600, 0, 1500, 1000, 200, undefined, 100, 200);
    r.recordRequest(700, 2, 2500, 2000, 500, 'http_5xx', 100, 50);
    r.recordIteration(700);
    r.recordRequest(1600, 1, 10_000, -1, 0, 'refused', 80, 0);
    r.recordDropped(3700);
    expect(samples).toHaveLength(3);
    r.finish(3750);

    expect(samples.map((s) => [s.ts, s.durationMs])).toEqual([
      [1_000_000, 1000],
      [1_001_000, 1000],
      [1_002_000, 1000],
      [1_003_000, 250],
    ]);
    const first = samples[0]!;
    // Two mix entries named "read" share one entry.
    expect(Object.keys(first.byRequest)).toEqual(['read']);
    const read = first.byRequest.read!;
    expect(read).toMatchObject({
      count: 2,
      failed: 1,
      errors: { http_5xx: 1 },
      statuses: { '200': 1, '500': 1 },
      bytesSent: 200,
      bytesReceived: 250,
    });
    expect(LatencyHistogram.decode(read.duration).max).toBeGreaterThanOrEqual(2499);
    expect(LatencyHistogram.decode(read.serviceTime!).count).toBe(2);
    expect(first).toMatchObject({ iterations: 1, droppedIterations: 0, vus: 3, vusMax: 5 });

    const write = samples[1]!.byRequest.write!;
    expect(write).toMatchObject({ count: 1, failed: 1, errors: { refused: 1 }, statuses: {} });
    expect(LatencyHistogram.decode(write.serviceTime!).count).toBe(0);
    expect(samples[2]!.byRequest).toEqual({});
    expect(samples[3]!.droppedIterations).toBe(1);
  });

  it('skips an empty sliver after the last boundary but keeps one that holds data', () => {
    const empty: IntervalSample[] = [];
    const a = recorder(empty);
    a.advance(1500);
    a.finish(1500.4);
    expect(empty).toHaveLength(1);

    const busy: IntervalSample[] = [];
    const b = recorder(busy);
    b.recordIteration(1500.2);
    b.finish(1500.4);
    expect(busy.map((s) => [s.durationMs, s.iterations])).toEqual([
      [1000, 0],
      [1, 1],
    ]);
  });

  it('keeps iteration_duration per interval, from the actual start of each iteration', () => {
    const samples: IntervalSample[] = [];
    const r = recorder(samples);
    r.recordIteration(600, 0, 12.5);
    r.recordIteration(900, 0, 40);
    r.recordIteration(1700, 0);
    r.finish(2500);
    const first = LatencyHistogram.decode(samples[0]!.iterationDuration!);
    expect(first.count).toBe(2);
    expect(first.min).toBeGreaterThanOrEqual(12_490);
    expect(first.max).toBeLessThanOrEqual(40_050);
    // An iteration without a duration counts, but adds nothing to the histogram.
    expect(samples[1]!.iterations).toBe(1);
    expect(samples[1]!.iterationDuration).toBeUndefined();
  });
});
