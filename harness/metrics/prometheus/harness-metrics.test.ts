import { describe, expect, it } from 'vitest';
import type { CellFault, CellResult } from '../../../model/index.ts';
import { LatencyHistogram } from '../../../model/index.ts';
import { parseExposition } from '../../../test/helpers/exposition.ts';
import { encodeMs, intervalSample, spread } from '../../../test/helpers/intervals.ts';
import { HarnessMetrics, LATENCY_BUCKETS } from './harness-metrics.ts';

const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);

function cell(target: string, faults: CellFault[] = []): CellResult {
  return {
    id: `${target}/steady/1`,
    target,
    targetKind: target.split('@')[0]!,
    profile: 'steady',
    trial: 1,
    executor: { executor: 'constant-arrival-rate', rate: 10, timeUnit: '1s', duration: '5s' },
    model: 'open',
    status: 'running',
    intervals: [],
    faults,
  } as CellResult;
}

const fault = (appliedAt: number, revertedAt?: number): CellFault => ({
  kind: 'latency',
  target: 'app→postgres',
  label: 'latency app→postgres +50ms',
  requestedAt: appliedAt,
  appliedAt,
  ...(revertedAt === undefined ? {} : { revertedAt }),
  fault: { kind: 'latency', at: '1s', edge: 'app->postgres', latency: '50ms' } as CellFault['fault'],
});

const scrape = async (m: HarnessMetrics) => parseExposition(await m.metrics());

describe('HarnessMetrics', () => {
  it('counts requests as k6 does (name, method, status, expected_response), failures, errors by class and bytes', async () => {
    const m = new HarnessMetrics({
      testid: 'run-1',
      requests: { 'get-item': { method: 'GET' }, 'put-item': { method: 'PUT', expectStatus: [201] } },
    });
    const c = cell('monolith');
    m.startCell(c);
    m.recordInterval(
      c,
      intervalSample(T0, {
        'get-item': {
          latenciesMs: spread(90, 1, 9),
          statuses: { '200': 85, '503': 3 },
          failed: 5,
          errors: { http_5xx: 3, timeout: 2 },
        },
        'put-item': { latenciesMs: spread(10, 2, 4) },
      }),
    );
    m.recordInterval(c, intervalSample(T0 + 1000, { 'get-item': { latenciesMs: [5, 5] } }));
    const e = await scrape(m);
    const get = { testid: 'run-1', target: 'monolith', profile: 'steady', name: 'get-item', method: 'GET' };
    expect(e.value('k6_http_reqs_total', { ...get, status: '200', expected_response: 'true' })).toBe(87);
    expect(e.value('k6_http_reqs_total', { ...get, status: '503', expected_response: 'false' })).toBe(3);
    expect(e.value('k6_http_reqs_total', { ...get, status: '0', expected_response: 'false' })).toBe(2);
    // put-item expects 201 only: its 200s were unexpected responses.
    expect(
      e.value('k6_http_reqs_total', { name: 'put-item', status: '200', expected_response: 'false' }),
    ).toBe(10);
    expect(e.value('harness_http_req_errors_total', { name: 'get-item', error: 'timeout' })).toBe(2);
    // As k6's rate: over the cell so far (5 failed of 92).
    expect(e.value('k6_http_req_failed_rate', get)).toBeCloseTo(5 / 92, 6);
    expect(e.value('k6_http_req_failed_rate', { name: 'put-item' })).toBe(0);
    expect(e.value('k6_data_sent_total', { target: 'monolith' })).toBe(10_200);
    expect(e.value('k6_iterations_total', { target: 'monolith', scenario: 'default' })).toBe(102);
    expect(e.types.get('harness_http_req_duration_seconds')).toBe('histogram');
    expect(e.types.get('k6_http_reqs_total')).toBe('counter');
    expect(e.types.get('k6_http_req_duration_p99')).toBe('gauge');
  });

  it('fills cumulative histogram buckets from the HDR histograms, and exact per-interval quantiles', async () => {
    const m = new HarnessMetrics();
    const c = cell('monolith');
    m.startCell(c);
    const latencies = [0.3, 0.8, 1.2, 4, 4.9, 5.1, 80, 2500, 120_000];
    const sample = intervalSample(T0, { read: { latenciesMs: latencies, serviceMs: [1, 1, 1] } });
    m.recordInterval(c, sample);
    const e = await scrape(m);
    const labels = { target: 'monolith', name: 'read' };
    const buckets = e.find('harness_http_req_duration_seconds_bucket', labels);
    expect(buckets.map((b) => b.labels.le)).toEqual([...LATENCY_BUCKETS.map(String), '+Inf']);
    const le = (bound: string) => buckets.find((b) => b.labels.le === bound)!.value;
    expect(le('0.0005')).toBe(1);
    expect(le('0.001')).toBe(2);
    expect(le('0.005')).toBe(5); // 4.9 ms in, 5.1 ms out
    expect(le('0.1')).toBe(7);
    expect(le('3')).toBe(8);
    expect(le('60')).toBe(8); // 120 s is past the last bound
    expect(le('+Inf')).toBe(9);
    for (let i = 1; i < buckets.length; i++)
      expect(buckets[i]!.value).toBeGreaterThanOrEqual(buckets[i - 1]!.value);
    expect(e.value('harness_http_req_duration_seconds_count', labels)).toBe(9);
    const sum = latencies.reduce((a, b) => a + b, 0) / 1000;
    expect(e.value('harness_http_req_duration_seconds_sum', labels)).toBeCloseTo(sum, 0);
    expect(e.value('harness_http_req_service_time_seconds_count', labels)).toBe(3);

    const hdr = LatencyHistogram.decode(encodeMs(latencies));
    expect(e.value('harness_http_req_duration_interval_p50_seconds', labels)).toBe(hdr.percentile(50) / 1e6);
    expect(e.value('harness_http_req_duration_interval_max_seconds', labels)).toBe(hdr.max / 1e6);
    // k6's trend gauges: over the series so far, in seconds.
    expect(e.value('k6_http_req_duration_p99', labels)).toBe(hdr.percentile(99) / 1e6);
    expect(e.value('k6_http_req_duration_min', labels)).toBe(hdr.min / 1e6);
  });

  it("keeps k6's trend stats over the whole cell, not the last interval", async () => {
    const m = new HarnessMetrics();
    const c = cell('monolith');
    m.startCell(c);
    m.recordInterval(
      c,
      intervalSample(T0, { read: { latenciesMs: [500] } }, { iterationDuration: encodeMs([600]) }),
    );
    m.recordInterval(c, intervalSample(T0 + 1000, { read: { latenciesMs: [1, 2, 3] } }));
    const e = await scrape(m);
    expect(e.value('k6_http_req_duration_max', { name: 'read' })).toBeCloseTo(0.5, 3);
    expect(e.value('harness_http_req_duration_interval_max_seconds', { name: 'read' })).toBeCloseTo(0.003, 4);
    expect(e.value('k6_iteration_duration_max', { target: 'monolith' })).toBeCloseTo(0.6, 3);
    expect(e.find('k6_http_req_waiting_p99')).toEqual([]);
  });

  it('takes every time from the sample: faults active during the interval, its end timestamp', async () => {
    const m = new HarnessMetrics();
    const c = cell('monolith@db-latency', [fault(T0 + 1500, T0 + 3200)]);
    m.startCell(c);
    const active = async (ts: number) => {
      m.recordInterval(c, intervalSample(ts, { read: { latenciesMs: [1] } }));
      const e = await scrape(m);
      expect(e.value('harness_interval_end_timestamp_seconds', { target: c.target })).toBe(
        (ts + 1000) / 1000,
      );
      return e.value('harness_fault_active', { target: c.target, kind: 'latency', edge: 'app→postgres' });
    };
    expect(await active(T0)).toBe(0);
    expect(await active(T0 + 1000)).toBe(1); // applied half-way through
    expect(await active(T0 + 3000)).toBe(1); // reverted half-way through
    expect(await active(T0 + 4000)).toBe(0);
    // Recorded data, replayed later: the same answers, whatever the clock says now.
    expect(Date.now()).toBeGreaterThan(T0 + 5000);
  });

  it('shows the running cell, zeroes its gauges at its end, removes them when the next cell starts', async () => {
    const m = new HarnessMetrics();
    const first = cell('monolith@kill', [fault(T0, undefined)]);
    m.startCell(first);
    m.recordInterval(first, intervalSample(T0, { read: { latenciesMs: [1, 2] } }, { vus: 7 }));
    let e = await scrape(m);
    const info = {
      target: 'monolith@kill',
      profile: 'steady',
      schedule: 'none',
      trial: '1',
      arch: 'monolith',
      model: 'open',
    };
    expect(e.value('harness_cell_info', info)).toBe(1);
    expect(e.value('k6_vus', { target: 'monolith@kill' })).toBe(7);
    expect(e.value('harness_fault_active', { target: 'monolith@kill' })).toBe(1);

    m.endCell(first);
    e = await scrape(m);
    expect(e.value('harness_cell_info', info)).toBe(0);
    expect(e.value('k6_vus', { target: 'monolith@kill' })).toBe(0);
    expect(e.value('harness_fault_active', { target: 'monolith@kill' })).toBe(0);

    const second = cell('cached');
    m.startCell(second);
    e = await scrape(m);
    expect(e.find('harness_cell_info', { target: 'monolith@kill' })).toEqual([]);
    expect(e.find('harness_http_req_duration_interval_p99_seconds', { target: 'monolith@kill' })).toEqual([]);
    expect(e.find('k6_http_req_duration_p99', { target: 'monolith@kill' })).toEqual([]);
    expect(e.value('harness_cell_info', { target: 'cached' })).toBe(1);
    // Counters stay: Prometheus keeps a finished cell's totals.
    expect(e.value('k6_http_reqs_total', { target: 'monolith@kill', status: '200' })).toBe(2);
  });

  it('exports the generator self-watch in seconds and cores', async () => {
    const m = new HarnessMetrics();
    const c = cell('monolith');
    m.startCell(c);
    m.recordInterval(
      c,
      intervalSample(
        T0,
        { read: { latenciesMs: [1] } },
        {
          generator: { eventLoopLagP99Ms: 12, eventLoopLagMaxMs: 40, cpuCores: 0.75 },
          droppedIterations: 3,
        },
      ),
    );
    const e = await scrape(m);
    expect(e.value('harness_generator_event_loop_lag_p99_seconds', {})).toBe(0.012);
    expect(e.value('harness_generator_event_loop_lag_max_seconds', {})).toBe(0.04);
    expect(e.value('harness_generator_cpu_cores', {})).toBe(0.75);
    expect(e.value('k6_dropped_iterations_total', { scenario: 'default' })).toBe(3);
  });
});
