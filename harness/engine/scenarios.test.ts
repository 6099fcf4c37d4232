import { afterEach, describe, expect, it } from 'vitest';
import { Executor } from '../../model/index.ts';
import { startTestServer, type TestServer } from '../../test/helpers/test-server.ts';
import { planScenarios } from './plan/index.ts';
import type { ArrivalPlan } from './plan/types.ts';
import { runEngine } from './run-engine.test-kit.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const readers = { executor: 'constant-arrival-rate', rate: 200, duration: '2s', maxVUs: 50 };
const writers = { executor: 'constant-vus', vus: 2, duration: '1s', startTime: '1s' };
const scenarios = [
  { name: 'readers', executor: readers, workload: { mix: [{ name: 'read', path: '/r/{vu}' }] } },
  { name: 'writers', executor: writers, workload: { mix: [{ name: 'write', path: '/w/{vu}' }] } },
];

/** A server that answers writes after 10 ms and notes when each write arrived (epoch ms) and from which VU. */
async function server4(): Promise<{
  s: TestServer;
  writes: { at: number; vu: string }[];
  readVus: Set<string>;
}> {
  const writes: { at: number; vu: string }[] = [];
  const readVus = new Set<string>();
  const s = await startTestServer({
    delayMs: (_n, req) => {
      const [, kind, vu] = (req.url ?? '').split('/');
      if (kind === 'w') writes.push({ at: performance.timeOrigin + performance.now(), vu: vu! });
      else readVus.add(vu!);
      return kind === 'w' ? 10 : 0;
    },
  });
  return { s, writes, readVus };
}

describe('concurrent scenarios', () => {
  it('runs an open readers scenario and a closed writers scenario at once, each to its own plan', async () => {
    const { s, writes, readVus } = await server4();
    server = s;
    const [r] = planScenarios(scenarios.map((x) => ({ name: x.name, executor: Executor.parse(x.executor) })));
    const { sink, result } = await runEngine({ baseUrl: s.url, scenarios, intervalMs: 500 });

    expect(result.model).toBe('mixed');
    // Readers: every arrival of the plan, 200/s for 2 s.
    const planned = (r!.plan as ArrivalPlan).totalIterations;
    expect(planned).toBe(400);
    const read = sink.totals('read');
    const write = sink.totals('write');
    const sum = (name: string, key: 'iterations' | 'droppedIterations') =>
      sink.samples.reduce((n, x) => n + (x.byScenario?.[name]?.[key] ?? 0), 0);
    expect(read.requests + sum('readers', 'droppedIterations')).toBe(planned);
    expect(sum('readers', 'droppedIterations')).toBe(0);
    expect(sum('readers', 'iterations')).toBe(read.requests);
    // Writers: two closed-model VUs for 1 s at ~10 ms a request, numbered after the readers' 50.
    expect(sum('writers', 'iterations')).toBe(write.requests);
    expect(write.requests).toBeGreaterThan(20);
    expect(write.requests).toBeLessThanOrEqual(2 * 100);
    expect(new Set(writes.map((w) => w.vu))).toEqual(new Set(['51', '52']));
    expect([...readVus].every((vu) => Number(vu) >= 1 && Number(vu) <= 50)).toBe(true);
    expect(read.requests + write.requests).toBe(s.requests);
    // Writers start at 1 s: nothing of theirs in the first two 500 ms intervals, no request before.
    expect(Math.min(...writes.map((w) => w.at))).toBeGreaterThanOrEqual(result.startedAt + 1000 - 1);
    expect(sink.samples.slice(0, 2).map((x) => x.byRequest.write?.count ?? 0)).toEqual([0, 0]);
    // `vus` is read at an interval's end: 0 at 500 ms, 2 at 1.5 s (at 1 s exactly, either).
    expect(sink.samples[0]!.byScenario?.writers?.vus).toBe(0);
    expect(sink.samples[2]!.byScenario?.writers?.vus).toBe(2);
    // Open-model requests have a service time and schedule lag; closed-model ones have neither.
    expect(read.serviceTime.count).toBe(read.requests);
    expect(sink.samples.every((x) => x.byRequest.write?.serviceTime === undefined)).toBe(true);
    // Gauges are the scenarios' sum.
    for (const x of sink.samples) {
      const each = Object.values(x.byScenario ?? {});
      expect(x.vus).toBe(each.reduce((n, g) => n + g.vus, 0));
      expect(x.vusMax).toBe(each.reduce((n, g) => n + g.vusMax, 0));
      expect(x.iterations).toBe(each.reduce((n, g) => n + g.iterations, 0));
    }
  });

  it('shares every scenario over worker threads: the same plan, VU numbers still unique', async () => {
    const { s, writes } = await server4();
    server = s;
    const { sink, result } = await runEngine({ baseUrl: s.url, scenarios, workers: 2 });
    expect(result.model).toBe('mixed');
    const read = sink.totals('read');
    const dropped = sink.samples.reduce((n, x) => n + (x.byScenario?.readers?.droppedIterations ?? 0), 0);
    expect(read.requests + dropped).toBe(400);
    expect(new Set(writes.map((w) => w.vu)).size).toBe(2);
    expect(Math.min(...writes.map((w) => Number(w.vu)))).toBeGreaterThan(50);
    expect(Math.min(...writes.map((w) => w.at))).toBeGreaterThanOrEqual(result.startedAt + 1000 - 1);
    expect(sink.samples.reduce((n, x) => n + (x.byScenario?.writers?.iterations ?? 0), 0)).toBe(
      sink.totals('write').requests,
    );
  });

  it('sends each scenario to its own base URL (clients with a home region), with its own connections', async () => {
    await using eu = await startTestServer({ delayMs: 1 });
    await using us = await startTestServer({ delayMs: 20 });
    const regional = [
      {
        name: 'eu',
        baseUrl: eu.url,
        executor: { executor: 'constant-arrival-rate', rate: 100, duration: '1s', maxVUs: 20 },
        workload: { mix: [{ name: 'get-eu', path: '/items/{key}' }] },
      },
      {
        name: 'us',
        baseUrl: `${us.url}/api`,
        executor: { executor: 'constant-arrival-rate', rate: 50, duration: '1s', maxVUs: 20 },
        workload: { mix: [{ name: 'get-us', path: '/items/{key}' }] },
      },
    ];
    // The run's own base URL is a third server that must see nothing.
    await using main = await startTestServer();
    const { sink } = await runEngine({ baseUrl: main.url, scenarios: regional, workers: 2 });
    expect(main.requests).toBe(0);
    expect(eu.requests).toBe(sink.totals('get-eu').requests);
    expect(us.requests).toBe(sink.totals('get-us').requests);
    expect(eu.requests).toBeGreaterThanOrEqual(95);
    expect(us.requests).toBeGreaterThanOrEqual(45);
    // A base URL's path is put before every request path of its scenario.
    expect(us.paths.every((p) => p.startsWith('/api/items/'))).toBe(true);
    expect(eu.paths.every((p) => p.startsWith('/items/'))).toBe(true);
    // Latency stays per request name: the slow region shows as such.
    expect(sink.totals('get-us').duration.percentile(50) / 1000).toBeGreaterThan(15);
    expect(sink.totals('get-eu').duration.percentile(50) / 1000).toBeLessThan(15);
  });

  it('an abort stops every scenario, also one that has not started', async () => {
    const { s, writes } = await server4();
    server = s;
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const { result, elapsedMs } = await runEngine({ baseUrl: s.url, scenarios, signal: ac.signal });
    expect(result.aborted).toBe(true);
    expect(elapsedMs).toBeLessThan(1000);
    expect(writes).toEqual([]);
  });
});
