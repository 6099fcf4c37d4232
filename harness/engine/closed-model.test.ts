import diagnostics from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/helpers/test-server.ts';
import { exactPercentile, runEngine } from './run-engine.test-kit.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('closed model', () => {
  it('keeps N requests in flight with N VUs', async () => {
    server = await startTestServer({ delayMs: 50 });
    const s = server;
    const polls: number[] = [];
    // 1.5 s, so that one whole interval ends while all 8 VUs are still running (the gauge check below).
    const run = runEngine({
      baseUrl: s.url,
      executor: { executor: 'constant-vus', vus: 8, duration: '1500ms' },
    });
    await sleep(200);
    for (let i = 0; i < 20; i++) {
      polls.push(s.inFlight);
      await sleep(23);
    }
    const { result, sink } = await run;
    polls.sort((a, b) => a - b);
    expect(s.maxInFlight).toBe(8);
    expect(polls[10]).toBe(8);
    expect(result).toMatchObject({ model: 'closed', aborted: false });
    const totals = sink.totals();
    // Little's law: 8 VUs / 50 ms is at most 240 requests in 1.5 s (fewer when a loaded machine adds latency).
    expect(totals.requests).toBeGreaterThan(90);
    expect(totals.requests).toBeLessThanOrEqual(248);
    const concurrency = (totals.requests * totals.duration.mean) / 1.5e6;
    expect(concurrency).toBeGreaterThan(6);
    expect(concurrency).toBeLessThan(8.5);
    expect(totals.requests).toBe(s.requests);
    expect(totals.failed).toBe(0);
    expect(totals.statuses).toEqual({ '200': totals.requests });
    expect(totals.iterations).toBe(totals.requests);
    expect(totals.bytesReceived).toBeGreaterThan(totals.requests * 40);
    expect(totals.bytesSent).toBeGreaterThan(totals.requests * 40);
    expect(sink.samples.some((x) => x.vus === 8 && x.vusMax === 8)).toBe(true);
  });

  it('reports p50 and p99 within 1 ms of the truth when 1% of requests take 50 ms', async () => {
    server = await startTestServer({ delayMs: (n) => (n % 100 === 0 ? 50 : 0) });
    // The client-side truth: every request's send-to-end time, from the HTTP client's diagnostics
    // channels (the instants it wrote the request and read the end of the response), kept as raw
    // values: what the histogram reports must be these, not e.g. times from dispatch. On a shared
    // machine the OS adds milliseconds now and then to what the client sees, so the server's own
    // timings are the truth only for what the server controls.
    const sentAt = new Map<object, number>();
    const truth: number[] = [];
    const onSend = ({ exchange, at }: { exchange: object; at: number }) => sentAt.set(exchange, at);
    const onEnd = ({ exchange, at }: { exchange: object; at: number }) =>
      truth.push(at - sentAt.get(exchange)!);
    diagnostics.subscribe('harness:http:sent', onSend as (m: unknown) => void);
    diagnostics.subscribe('harness:http:done', onEnd as (m: unknown) => void);
    try {
      const { sink } = await runEngine({
        baseUrl: server.url,
        executor: { executor: 'shared-iterations', vus: 4, iterations: 1000 },
      });
      const { duration, requests } = sink.totals();
      expect(requests).toBe(1000);
      expect(truth).toHaveLength(1000);
      for (const p of [50, 99, 99.5, 100]) {
        const measuredMs = duration.percentile(p) / 1000;
        expect(Math.abs(measuredMs - exactPercentile(truth, p)), `p${p}`).toBeLessThan(1);
      }
      // The delayed 1% is exactly what the server did: at least 50 ms; the median is a fast request.
      // (Node's timers may fire up to 1 ms early against performance.now(), hence 49.)
      expect(duration.percentile(99.5) / 1000).toBeGreaterThan(49);
      expect(Math.abs(duration.percentile(50) / 1000 - exactPercentile(server.handlingMs, 50))).toBeLessThan(
        1,
      );
    } finally {
      diagnostics.unsubscribe('harness:http:sent', onSend as (m: unknown) => void);
      diagnostics.unsubscribe('harness:http:done', onEnd as (m: unknown) => void);
    }
  });

  it('shares iterations among VUs, and gives each VU its own in per-vu-iterations', async () => {
    server = await startTestServer();
    const shared = await runEngine({
      baseUrl: server.url,
      executor: { executor: 'shared-iterations', vus: 5, iterations: 53 },
    });
    expect(shared.sink.totals().iterations).toBe(53);
    expect(server.requests).toBe(53);

    server.resetCounters();
    const perVu = await runEngine({
      baseUrl: server.url,
      executor: { executor: 'per-vu-iterations', vus: 3, iterations: 7 },
      workload: { mix: [{ name: 'get', path: '/vu/{vu}/{iter}' }] },
    });
    expect(perVu.sink.totals().iterations).toBe(21);
    const byVu = new Map<string, number>();
    for (const p of server.paths) byVu.set(p.split('/')[2]!, (byVu.get(p.split('/')[2]!) ?? 0) + 1);
    expect(Object.fromEntries(byVu)).toEqual({ '1': 7, '2': 7, '3': 7 });
    expect(server.paths.filter((p) => p.startsWith('/vu/2/'))).toEqual(
      Array.from({ length: 7 }, (_, i) => `/vu/2/${i}`),
    );
  });

  it('ramps VUs along the stages and waits for startTime', async () => {
    server = await startTestServer({ delayMs: 20 });
    const s = server;
    const seen: number[] = [];
    const run = runEngine({
      baseUrl: s.url,
      intervalMs: 250,
      executor: {
        executor: 'ramping-vus',
        startVUs: 0,
        startTime: '250ms',
        stages: [
          { duration: '500ms', target: 4 },
          // Ends mid-interval (at 1150 ms), so no gauge is read at the instant the VUs stop.
          { duration: '400ms', target: 4 },
        ],
      },
    });
    const poll = setInterval(() => seen.push(s.inFlight), 10);
    const { sink, elapsedMs } = await run;
    clearInterval(poll);
    expect(sink.samples[0]!.byRequest).toEqual({});
    // Exact step times are the plan's (plan.test.ts); here: nothing before startTime, then a climb through
    // intermediate counts to 4, never down before the end.
    const vus = sink.samples.map((x) => x.vus).slice(0, 4);
    expect(vus[0]).toBe(0);
    expect(vus.some((v) => v > 0 && v < 4)).toBe(true);
    expect(vus.every((v, i) => i === 0 || v >= vus[i - 1]!)).toBe(true);
    expect(vus[3]).toBe(4);
    expect(Math.max(...seen)).toBe(4);
    expect(elapsedMs).toBeLessThan(1550);
  });

  it('puts the path of the base URL before every request path', async () => {
    server = await startTestServer();
    await runEngine({
      baseUrl: `${server.url}/api/`,
      executor: { executor: 'shared-iterations', vus: 1, iterations: 2 },
      workload: { mix: [{ name: 'get', path: '/items/{iter}' }] },
    });
    expect(server.paths).toEqual(['/api/items/0', '/api/items/1']);
  });

  it('pauses thinkTime between iterations', async () => {
    server = await startTestServer();
    const { sink } = await runEngine({
      baseUrl: server.url,
      executor: { executor: 'constant-vus', vus: 2, duration: '1s' },
      workload: { thinkTime: '100ms', mix: [{ name: 'get', path: '/' }] },
    });
    const { requests } = sink.totals();
    expect(requests).toBeGreaterThanOrEqual(16);
    expect(requests).toBeLessThanOrEqual(22);
  });
});
