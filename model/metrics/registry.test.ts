import { describe, expect, it } from 'vitest';
import { encodeMs, intervalSample, spread } from '../../test/helpers/intervals.ts';
import { LatencyHistogram } from './histogram.ts';
import { aggregate, METRICS, metricValues, parseMetricKey, tagProblems, windowMs } from './registry.ts';

const T0 = 1_700_000_000_000;

// Two seconds of a read/write mix: reads 1..100 ms, writes 10..200 ms, some failures.
const intervals = [
  intervalSample(
    T0,
    {
      read: {
        latenciesMs: spread(900, 1, 100),
        statuses: { '200': 890, '404': 10 },
        failed: 10,
        errors: { http_4xx: 10 },
      },
      write: {
        latenciesMs: spread(100, 10, 200),
        serviceMs: spread(100, 5, 50),
        statuses: { '201': 95, '503': 3 },
        failed: 5,
        errors: { http_5xx: 3, timeout: 2 },
      },
    },
    { vus: 8, vusMax: 20, checks: { passes: 99, fails: 1 } },
  ),
  intervalSample(
    T0 + 1000,
    {
      read: { latenciesMs: spread(900, 1, 100) },
      write: { latenciesMs: spread(100, 10, 200), serviceMs: spread(100, 5, 50) },
    },
    { vus: 12, vusMax: 20, droppedIterations: 4, checks: { passes: 100, fails: 0 } },
  ),
];

describe('parseMetricKey', () => {
  it('parses names and tag filters', () => {
    expect(parseMetricKey('http_reqs')).toEqual({ name: 'http_reqs', tags: {} });
    expect(parseMetricKey('http_reqs{name:read, status:"200"}')).toEqual({
      name: 'http_reqs',
      tags: { name: 'read', status: '200' },
    });
  });

  it('returns a problem for malformed keys', () => {
    expect(parseMetricKey('http_reqs{name}')).toEqual({
      problem: 'expected tag:value in the filter, got "name"',
    });
    expect(parseMetricKey('http_reqs{name:a,name:b}')).toEqual({
      problem: 'tag "name" appears twice in "http_reqs{name:a,name:b}"',
    });
  });
});

describe('registry', () => {
  it('declares k6 metric types', () => {
    expect(METRICS.http_req_duration!.type).toBe('trend');
    expect(METRICS.http_req_failed!.type).toBe('rate');
    expect(METRICS.http_reqs!.type).toBe('counter');
    expect(METRICS.vus!.type).toBe('gauge');
  });

  it('refuses tags a metric cannot be filtered by', () => {
    expect(tagProblems({ name: 'http_req_duration', tags: { name: 'read' } })).toEqual([]);
    expect(tagProblems({ name: 'http_req_duration', tags: { status: '200' } })).toHaveLength(1);
    expect(tagProblems({ name: 'http_reqs', tags: { status: '200', expected_response: 'true' } })).toEqual([
      'status and expected_response cannot be combined: filter by one of them',
    ]);
  });
});

describe('metricValues', () => {
  it('counts requests, with the rate over the measured window', () => {
    expect(windowMs(intervals)).toBe(2000);
    expect(metricValues(intervals, 'http_reqs')).toEqual({ type: 'counter', count: 2000, rate: 1000 });
    expect(metricValues(intervals, 'http_reqs{name:write}')).toMatchObject({ count: 200, rate: 100 });
    expect(metricValues(intervals, 'http_reqs', { windowMs: 4000 })).toMatchObject({ rate: 500 });
  });

  it('filters counts by status, error class and expected_response', () => {
    expect(metricValues(intervals, 'http_reqs{status:503}')).toMatchObject({ count: 3 });
    expect(metricValues(intervals, 'http_reqs{name:read,status:200}')).toMatchObject({ count: 890 + 900 });
    expect(metricValues(intervals, 'http_reqs{error:timeout}')).toMatchObject({ count: 2 });
    expect(metricValues(intervals, 'http_reqs{expected_response:false}')).toMatchObject({ count: 15 });
    expect(metricValues(intervals, 'http_reqs{expected_response:true}')).toMatchObject({ count: 1985 });
  });

  it('gives failure rates as fractions', () => {
    expect(metricValues(intervals, 'http_req_failed')).toEqual({
      type: 'rate',
      passes: 15,
      total: 2000,
      rate: 0.0075,
    });
    expect(metricValues(intervals, 'http_req_failed{name:write}')).toMatchObject({ rate: 5 / 200 });
    expect(metricValues(intervals, 'checks')).toMatchObject({ rate: 199 / 200 });
  });

  it('merges latency histograms exactly, in ms', () => {
    const direct = LatencyHistogram.create();
    for (let i = 0; i < 2; i++) {
      for (const ms of spread(900, 1, 100)) direct.record(ms * 1000);
      for (const ms of spread(100, 10, 200)) direct.record(ms * 1000);
    }
    const v = metricValues(intervals, 'http_req_duration');
    expect(v?.type).toBe('trend');
    if (v?.type !== 'trend') return;
    expect(v.count).toBe(2000);
    expect(v.percentile(95)).toBe(direct.percentile(95) / 1000);
    expect(v.med).toBe(direct.percentile(50) / 1000);
    expect(v.min).toBeCloseTo(1, 2);
    expect(v.max).toBeCloseTo(200, 0);
    expect(aggregate(v, { method: 'p', p: 99.9 })).toBe(direct.percentile(99.9) / 1000);
    expect(aggregate(v, { method: 'count' })).toBeNull();
  });

  it('filters latency by request name', () => {
    const write = metricValues(intervals, 'http_req_duration{name:write}');
    expect(write).toMatchObject({ type: 'trend', count: 200 });
    if (write?.type === 'trend') expect(write.min).toBeGreaterThanOrEqual(9.99);
    const service = metricValues(intervals, 'http_req_service_time');
    expect(service).toMatchObject({ count: 200 });
    if (service?.type === 'trend') expect(service.max).toBeCloseTo(50, 0);
  });

  it('reads gauges and per-run counters', () => {
    expect(metricValues(intervals, 'vus')).toEqual({ type: 'gauge', value: 12, min: 8, max: 12 });
    expect(metricValues(intervals, 'vus_max')).toMatchObject({ value: 20 });
    expect(metricValues(intervals, 'dropped_iterations')).toMatchObject({ count: 4 });
    expect(metricValues(intervals, 'iterations')).toMatchObject({ count: 2000 });
    expect(metricValues(intervals, 'data_sent{name:read}')).toMatchObject({ count: 1800 * 100 });
    expect(metricValues(intervals, 'data_received')).toMatchObject({ count: 2000 * 1000 });
  });

  it('returns null when a metric has no samples, but counters count 0', () => {
    expect(metricValues([], 'http_reqs')).toBeNull();
    const idle = [intervalSample(T0, { read: { latenciesMs: [] } })];
    expect(metricValues(idle, 'http_req_duration')).toBeNull();
    expect(metricValues(idle, 'http_req_failed')).toBeNull();
    expect(metricValues(idle, 'http_req_service_time')).toBeNull();
    expect(metricValues(idle, 'checks')).toBeNull();
    expect(metricValues(idle, 'http_reqs')).toEqual({ type: 'counter', count: 0, rate: 0 });
  });

  it('throws on keys that validation would have refused', () => {
    expect(() => metricValues(intervals, 'nope')).toThrow(/unknown metric/);
    expect(() => metricValues(intervals, 'http_req_duration{status:200}')).toThrow(/cannot be filtered/);
  });
});

describe('iteration_duration', () => {
  it('is a trend over the iteration histograms of the intervals; intervals without one add nothing', () => {
    const withDurations = [
      intervalSample(
        T0,
        { read: { latenciesMs: [1] } },
        { iterationDuration: encodeMs(spread(100, 10, 20)) },
      ),
      intervalSample(T0 + 1000, { read: { latenciesMs: [1] } }),
      intervalSample(T0 + 2000, { read: { latenciesMs: [1] } }, { iterationDuration: encodeMs([300]) }),
    ];
    const v = metricValues(withDurations, 'iteration_duration');
    expect(v?.type).toBe('trend');
    expect(aggregate(v!, { method: 'max' })).toBeCloseTo(300, 0);
    expect(aggregate(v!, { method: 'min' })).toBeCloseTo(10, 1);
    expect(metricValues(intervals, 'iteration_duration')).toBeNull();
  });
});
