import { afterEach, describe, expect, it } from 'vitest';
import { Executor, LatencyHistogram } from '../../model/index.ts';
import { startTestServer, type TestServer } from '../../test/helpers/test-server.ts';
import { planExecutor } from './plan/index.ts';
import { runEngine } from './run-engine.test-kit.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('worker threads', () => {
  it('2 workers at a fixed rate issue exactly the planned count, merged into one sample per interval', async () => {
    server = await startTestServer();
    const executor = { executor: 'constant-arrival-rate', rate: 400, duration: '1500ms' };
    const plan = planExecutor(Executor.parse(executor));
    const { sink, result } = await runEngine({ baseUrl: server.url, executor, workers: 2, intervalMs: 500 });
    const totals = sink.totals();
    expect(plan.model === 'open' && plan.totalIterations).toBe(600);
    expect(totals.requests + totals.droppedIterations).toBe(600);
    expect(server.requests).toBe(totals.requests);
    expect(totals.duration.count).toBe(totals.requests);
    expect(totals.serviceTime.count).toBe(totals.requests);
    // One merged sample per interval, on the common clock.
    const ts = sink.samples.map((s) => s.ts);
    expect(new Set(ts).size).toBe(ts.length);
    expect(ts.every((t, i) => i === 0 || t - ts[i - 1]! === 500)).toBe(true);
    // Every started iteration's scheduling lag, from both workers.
    const lagged = sink.samples.reduce(
      (n, s) => n + (s.scheduleLag ? LatencyHistogram.decode(s.scheduleLag).count : 0),
      0,
    );
    expect(lagged).toBe(totals.requests);
    expect(result).toMatchObject({ model: 'open', aborted: false });
  });

  it('splits the VUs of a closed model, each VU numbered once across workers', async () => {
    server = await startTestServer();
    const { sink } = await runEngine({
      baseUrl: server.url,
      executor: { executor: 'per-vu-iterations', vus: 5, iterations: 4 },
      workload: { mix: [{ name: 'get', path: '/vu/{vu}/{iter}' }] },
      workers: 2,
    });
    expect(sink.totals().iterations).toBe(20);
    const vus = new Set(server.paths.map((p) => p.split('/')[2]));
    expect([...vus].sort()).toEqual(['1', '2', '3', '4', '5']);
  });

  it('aborts every worker and leaves no connection open', async () => {
    server = await startTestServer({ delayMs: 10_000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 600);
    const { result, elapsedMs } = await runEngine({
      baseUrl: server.url,
      executor: { executor: 'constant-vus', vus: 4, duration: '20s' },
      workers: 2,
      signal: ac.signal,
    });
    expect(result.aborted).toBe(true);
    expect(elapsedMs).toBeLessThan(5000);
    await new Promise((r) => setTimeout(r, 100));
    expect(server.connections).toBe(0);
  });
});
