import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IntervalSample } from '../../../model/index.ts';
import { LatencyHistogram } from '../../../model/index.ts';
import { parseK6Line } from './json-lines.ts';
import { PointAggregator, spread } from './point-aggregator.ts';

const FIXTURE = readFileSync(new URL('./fixtures/two-seconds.jsonl', import.meta.url), 'utf8').split('\n');
const T0 = Date.parse('2026-12-01T12:00:00.100Z');

function aggregate(opts: Partial<ConstructorParameters<typeof PointAggregator>[0]> = {}): IntervalSample[] {
  const samples: IntervalSample[] = [];
  const agg = new PointAggregator({ sink: (s) => samples.push(s), ...opts });
  for (const line of FIXTURE) {
    const rec = parseK6Line(line);
    if (rec?.kind === 'point') agg.add(rec.point);
  }
  agg.finish();
  return samples;
}

describe('parseK6Line', () => {
  it('reads Metric and Point records, keeps sub-ms time, skips what is not k6 output', () => {
    const metric = parseK6Line(FIXTURE.find((l) => l.includes('"http_req_duration","type":"trend"'))!);
    expect(metric).toEqual({
      kind: 'metric',
      metric: { name: 'http_req_duration', type: 'trend', contains: 'time', thresholds: ['p(95)<500'] },
    });
    const point = parseK6Line(
      '{"metric":"iterations","type":"Point","data":{"time":"2026-12-01T12:00:00.100500000Z","value":1,"tags":{"scenario":"a"}}}',
    );
    expect(point).toEqual({
      kind: 'point',
      point: { metric: 'iterations', time: T0 + 0.5, value: 1, tags: { scenario: 'a' } },
    });
    expect(parseK6Line('time="…" level=warning msg="x"')).toBeUndefined();
    expect(parseK6Line('{"not":"k6"}')).toBeUndefined();
    expect(parseK6Line('{broken')).toBeUndefined();
  });
});

describe('PointAggregator', () => {
  const [first, second] = aggregate({ scenarios: ['readers', 'writers'] });

  it('starts at the first sample that is not a VU tick, one interval a second, the last ending at the last sample', () => {
    expect(first!.ts).toBe(T0);
    expect(first!.durationMs).toBe(1000);
    expect(second!.ts).toBe(T0 + 1000);
    expect(second!.durationMs).toBe(851);
  });

  it('counts requests per name: statuses, failures by error class from status or k6 error code', () => {
    expect(first!.byRequest['get-item']).toMatchObject({
      count: 4,
      failed: 1,
      errors: { http_5xx: 1 },
      statuses: { '200': 3, '503': 1 },
    });
    expect(second!.byRequest['put-item']).toMatchObject({
      count: 2,
      failed: 1,
      errors: { refused: 1 },
      statuses: { '201': 1 },
    });
  });

  it('keeps durations and k6 request phases in HDR histograms (µs)', () => {
    const d = LatencyHistogram.decode(first!.byRequest['get-item']!.duration);
    expect(d.count).toBe(4);
    expect(d.max).toBeGreaterThanOrEqual(7495);
    const waiting = LatencyHistogram.decode(first!.byRequest['get-item']!.timings!.waiting!);
    expect([waiting.count, Math.round(waiting.min / 1000)]).toEqual([4, 1]);
    expect(first!.byRequest['get-item']!.serviceTime).toBeUndefined();
  });

  it('counts a point written after its second closed in the oldest open interval, when closing live', () => {
    const live = aggregate({ lateMs: 0 });
    expect(live[0]!.byRequest['get-item']!.count).toBe(3);
    expect(live[1]!.byRequest['get-item']!.count).toBe(1);
  });

  it('iterations, dropped iterations and iteration_duration, per scenario too', () => {
    expect([first!.iterations, first!.droppedIterations]).toEqual([3, 0]);
    expect([second!.iterations, second!.droppedIterations]).toEqual([2, 1]);
    expect(second!.byScenario).toEqual({
      readers: { iterations: 0, droppedIterations: 1, vus: 0, vusMax: 0 },
      writers: { iterations: 2, droppedIterations: 0, vus: 0, vusMax: 0 },
    });
    expect(LatencyHistogram.decode(second!.iterationDuration!).count).toBe(2);
    expect(first!.checks).toEqual({ passes: 1, fails: 1 });
    expect(second!.checks).toBeUndefined();
  });

  it('VUs: the last tick of each interval (a tick while paused only sets the start)', () => {
    expect([first!.vus, first!.vusMax]).toEqual([3, 5]);
    expect([second!.vus, second!.vusMax]).toEqual([2, 5]);
  });

  it('spreads per-iteration bytes over the interval’s request names, all of them accounted for', () => {
    expect(first!.byRequest['get-item']!.bytesSent).toBe(300);
    expect(first!.byRequest['get-item']!.bytesReceived).toBe(600);
    expect(second!.byRequest['put-item']!.bytesSent).toBe(180);
    expect(spread(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(spread(0, [0])).toEqual([0]);
  });

  it('an open-model scenario keeps its durations as service time too (k6 measures from the send)', () => {
    const [open] = aggregate({ openScenarios: new Set(['readers']) });
    expect(LatencyHistogram.decode(open!.byRequest['get-item']!.serviceTime!).count).toBe(4);
  });

  it('sums the VU gauges of several instances (execution segments)', () => {
    const samples: IntervalSample[] = [];
    const agg = new PointAggregator({ sink: (s) => samples.push(s), t0: T0 });
    const vus = (time: number, value: number, instance: string) =>
      agg.add({ metric: 'vus', time, value, tags: {} }, instance);
    vus(T0 + 500, 4, 'a');
    vus(T0 + 600, 6, 'b');
    vus(T0 + 1500, 5, 'a');
    agg.add({ metric: 'iterations', time: T0 + 1600, value: 1, tags: {} }, 'b');
    agg.finish();
    expect(samples.map((s) => s.vus)).toEqual([10, 11]);
  });
});
