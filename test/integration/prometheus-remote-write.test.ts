/**
 * The remote-write push against a real Prometheus that accepts it
 * (`--web.enable-remote-write-receiver`), started through harness's runtime:
 * what harness pushes is what Prometheus then answers, with k6's names and
 * labels and the sample's own timestamps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessMetrics, RemoteWriter } from '../../harness/metrics/index.ts';
import { type PrometheusServer, startPrometheus } from '../../harness/runtime/index.ts';
import type { CellResult } from '../../model/index.ts';
import { intervalSample, spread } from '../helpers/intervals.ts';

let prometheus: PrometheusServer;
const cell = {
  id: 'monolith/steady/1',
  target: 'monolith',
  targetKind: 'monolith',
  profile: 'steady',
  trial: 1,
  executor: { executor: 'constant-vus', vus: 3, duration: '2s' },
  model: 'closed',
  status: 'running',
  intervals: [],
} as unknown as CellResult;

beforeAll(async () => {
  prometheus = await startPrometheus({
    runId: `it-remote-write-${process.pid}`,
    port: 0,
    config: () => 'global:\n  scrape_interval: 15s\nscrape_configs: []\n',
    extraArgs: ['--web.enable-remote-write-receiver'],
  });
});
afterAll(async () => {
  await prometheus?.stop();
});

async function instant(
  expr: string,
  timeS: number,
): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const params = new URLSearchParams({ query: expr, time: String(timeS) });
  const body = (await (await fetch(`${prometheus.url}/api/v1/query?${params}`)).json()) as {
    data: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  return body.data.result;
}

describe('--prometheus-remote-write', () => {
  it('pushes the exposition k6-named, stamped with the samples’ own time, and Prometheus answers it back', async () => {
    const metrics = new HarnessMetrics({ testid: 'run-rw', requests: { read: { method: 'GET' } } });

    // Two intervals that ended a minute ago: recorded data, not the clock.
    const t0 = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    let latest: number | undefined;
    const logs: string[] = [];
    const writer = new RemoteWriter({
      url: `${prometheus.url}/api/v1/write`,
      registry: metrics.registry,
      latestMs: () => latest,
      log: (l) => logs.push(l),
    });
    metrics.startCell(cell);
    for (const i of [0, 1]) {
      const s = intervalSample(
        t0 + i * 1000,
        { read: { latenciesMs: spread(50, 1, 20) } },
        { vus: 3, vusMax: 3 },
      );
      metrics.recordInterval(cell, s);
      latest = s.ts + s.durationMs;
      await writer.flush();
    }
    expect(logs).toEqual([]);
    expect(writer.pushed).toBe(2);
    const at = (t0 + 2000) / 1000;
    const reqs = await instant('k6_http_reqs_total{testid="run-rw"}', at);
    expect(
      reqs.map((r) => [
        r.metric.name,
        r.metric.method,
        r.metric.status,
        r.metric.expected_response,
        r.value[1],
      ]),
    ).toEqual([['read', 'GET', '200', 'true', '100']]);
    expect(Number((await instant('k6_http_req_duration_max{testid="run-rw"}', at))[0]!.value[1])).toBeCloseTo(
      0.02,
      3,
    );
    expect((await instant('k6_vus{testid="run-rw"}', at))[0]!.value[1]).toBe('3');
    // The first push is stamped at the first interval's end: the counter there is 50.
    expect((await instant('k6_http_reqs_total{testid="run-rw"}', (t0 + 1000) / 1000))[0]!.value[1]).toBe(
      '50',
    );
    // Histograms go as their series.
    expect((await instant('harness_http_req_duration_seconds_count{testid="run-rw"}', at))[0]!.value[1]).toBe(
      '100',
    );
  });

  it('a failing endpoint is said once and costs nothing else', async () => {
    const logs: string[] = [];
    const metrics = new HarnessMetrics();
    metrics.startCell(cell);
    const writer = new RemoteWriter({
      url: `${prometheus.url}/api/v1/nope`,
      registry: metrics.registry,
      latestMs: () => Date.now(),
      log: (l) => logs.push(l),
    });
    await writer.flush();
    await writer.flush();
    expect(writer.pushed).toBe(0);
    expect(logs).toEqual([expect.stringMatching(/remote write to .*\/api\/v1\/nope failed: 404/)]);
  });
});
