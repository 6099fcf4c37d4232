/**
 * The k6 engine (`--engine k6`) against an in-process HTTP server: the real
 * k6 binary runs the generated script, and its JSON output comes back as
 * harness's interval samples. Needs k6 (K6_BIN or PATH): where there is none
 * (CI), every test here is skipped, and says so.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineRunRequest, EngineRunResult } from '../../harness/engine/index.ts';
import { K6Engine, locateK6 } from '../../harness/k6/index.ts';
import type { ExecutorConfig, IntervalSample, LedgerEntry, Workload } from '../../model/index.ts';
import { LatencyHistogram } from '../../model/index.ts';
import { closedPort, startTestServer, type TestServer } from '../helpers/test-server.ts';

const k6 = await locateK6();
if (!k6)
  console.warn('SKIPPED test/integration/k6-engine.test.ts: no k6 binary (set K6_BIN or put k6 on PATH)');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    delayMs: 2,
    status: (_n, req) => (req.url?.startsWith('/fail') ? 503 : 200),
    body: (n, req) =>
      req.method === 'PUT' ? JSON.stringify({ id: req.url!.split('/').pop(), version: n }) : 'ok',
  });
});
afterAll(async () => {
  await server?.close();
});

const mix: Workload = {
  mix: [
    { name: 'read', weight: 3, method: 'GET', path: '/items/{key}', key: { dist: 'uniform' } },
    { name: 'write', weight: 1, method: 'PUT', path: '/items/{key}', body: { v: '{rand}' }, ledger: true },
  ],
};

async function run(
  executor: ExecutorConfig,
  workload: Workload = mix,
  extra: Partial<EngineRunRequest> = {},
): Promise<{ result: EngineRunResult; samples: IntervalSample[]; ledger: LedgerEntry[] }> {
  const samples: IntervalSample[] = [];
  const ledger: LedgerEntry[] = [];
  const result = await new K6Engine().run({
    scenarios: [{ executor, workload }],
    dataset: { items: 100 },
    baseUrl: server.url,
    http: { timeoutMs: 2000 },
    signal: new AbortController().signal,
    sink: { onInterval: (s) => samples.push(s), onLedger: (e) => ledger.push(...e) },
    ...extra,
  });
  return { result, samples, ledger };
}

/** k6 processes this test process started (tagged HARNESS_OWNER_PID), still alive. */
function k6Processes(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
        return env.includes(`HARNESS_OWNER_PID=${process.pid}\0`) && env.includes('HARNESS_RUN_ID=k6-');
      } catch {
        return false;
      }
    })
    .map(Number);
}

const total = (samples: IntervalSample[], name?: string) =>
  samples.reduce(
    (n, s) =>
      n +
      Object.entries(s.byRequest).reduce(
        (m, [k, r]) => m + (name === undefined || k === name ? r.count : 0),
        0,
      ),
    0,
  );

describe.skipIf(!k6)('k6 engine (needs a k6 binary)', () => {
  it('closed model: every request k6 sent is counted, per name, in per-second samples; writes reach the ledger', async () => {
    server.resetCounters();
    const { result, samples, ledger } = await run({ executor: 'constant-vus', vus: 4, duration: '3s' });
    expect(result.model).toBe('closed');
    expect(result.aborted).toBe(false);
    expect(total(samples)).toBe(server.requests);
    expect(server.requests).toBeGreaterThan(100);
    // The mix's weights, 3:1, within sampling noise.
    const share = total(samples, 'read') / total(samples);
    expect(share).toBeGreaterThan(0.65);
    expect(share).toBeLessThan(0.85);
    expect(samples.length).toBeGreaterThanOrEqual(3);
    for (const s of samples.slice(0, -1)) expect(s.durationMs).toBe(1000);
    expect(samples.slice(1, -1).map((s) => s.vus)).toEqual(samples.slice(1, -1).map(() => 4));
    const read = samples[1]!.byRequest.read!;
    expect(read.statuses).toEqual({ '200': read.count });
    // The server waits 2 ms (µs in the histogram): at least 1 ms of it, as a Node timer can fire
    // up to a millisecond early of the time it was set (its loop clock is cached).
    expect(LatencyHistogram.decode(read.duration).min).toBeGreaterThanOrEqual(1000);
    expect(read.timings?.waiting).toBeDefined();
    expect(samples.every((s) => s.generator !== undefined || s === samples.at(-1))).toBe(true);
    expect(ledger.length).toBe(total(samples, 'write'));
    expect(ledger[0]).toMatchObject({ request: 'write', version: expect.any(Number) });
    expect(samples.reduce((n, s) => n + s.iterations, 0)).toBe(server.requests);
  });

  it('open model: k6 starts the planned iterations; durations count from the send, and say so', async () => {
    server.resetCounters();
    const { result, samples } = await run({
      executor: 'constant-arrival-rate',
      rate: 50,
      timeUnit: '1s',
      duration: '2s',
      preAllocatedVUs: 5,
    });
    expect(result.model).toBe('open');
    const iterations = samples.reduce((n, s) => n + s.iterations, 0);
    expect(iterations).toBeGreaterThanOrEqual(99);
    expect(iterations).toBeLessThanOrEqual(101);
    expect(samples[0]!.byRequest.read!.serviceTime).toBeDefined();
    expect(result.generatorNotes.join('\n')).toMatch(/from the send, not from the intended start/);
  });

  it('classifies failures: 503 as http_5xx, a closed port as refused', async () => {
    const { samples } = await run(
      { executor: 'shared-iterations', vus: 1, iterations: 6, maxDuration: '10s' },
      { mix: [{ name: 'fail', weight: 1, method: 'GET', path: '/fail' }] },
    );
    const fail = samples.flatMap((s) => (s.byRequest.fail ? [s.byRequest.fail] : []));
    expect(fail.reduce((n, r) => n + r.failed, 0)).toBe(6);
    expect(fail.reduce((n, r) => n + (r.errors.http_5xx ?? 0), 0)).toBe(6);

    const port = await closedPort();
    const samples2: IntervalSample[] = [];
    await new K6Engine().run({
      scenarios: [
        {
          executor: { executor: 'shared-iterations', vus: 1, iterations: 3, maxDuration: '10s' },
          workload: { mix: [{ name: 'x', weight: 1, method: 'GET', path: '/' }] },
        },
      ],
      dataset: { items: 1 },
      baseUrl: `http://127.0.0.1:${port}`,
      http: { timeoutMs: 1000 },
      signal: new AbortController().signal,
      sink: { onInterval: (s) => samples2.push(s) },
    });
    expect(samples2.reduce((n, s) => n + (s.byRequest.x?.errors.refused ?? 0), 0)).toBe(3);
  });

  it('an abort stops k6 (SIGINT, then kill) and leaves no process and no temp dir', async () => {
    const controller = new AbortController();
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith(`harness-k6-${process.pid}-`));
    const samples: IntervalSample[] = [];
    let dirs: string[] = [];
    let abortedAt = 0;
    let runningK6: number[] = [];
    const result = await new K6Engine().run({
      scenarios: [{ executor: { executor: 'constant-vus', vus: 2, duration: '60s' }, workload: mix }],
      dataset: { items: 100 },
      baseUrl: server.url,
      http: { timeoutMs: 2000 },
      signal: controller.signal,
      sink: {
        onInterval: (s) => {
          samples.push(s);
          // Load is flowing: abort while k6 is mid-run.
          if (samples.length === 1) {
            dirs = readdirSync(tmpdir()).filter(
              (n) => n.startsWith(`harness-k6-${process.pid}-`) && !before.includes(n),
            );
            runningK6 = k6Processes();
            abortedAt = performance.now();
            controller.abort();
          }
        },
      },
    });
    expect(result.aborted).toBe(true);
    expect(dirs).toHaveLength(1);
    // k6 stops at once on SIGINT between iterations of 2 ms: far before the 60 s.
    expect(performance.now() - abortedAt).toBeLessThan(10_000);
    expect(total(samples)).toBeGreaterThan(0);
    expect(existsSync(`${tmpdir()}/${dirs[0]}`)).toBe(false);
    expect(
      readdirSync(tmpdir()).filter((n) => n.startsWith(`harness-k6-${process.pid}-`) && !before.includes(n)),
    ).toEqual([]);
    expect(runningK6).toHaveLength(1);
    expect(k6Processes()).toEqual([]);
  });
});

describe('k6 engine without k6', () => {
  it('is a missing dependency (exit 5) with a hint, before anything starts', async () => {
    const engine = new K6Engine({ env: { ...process.env, K6_BIN: '/nonexistent/k6' } });
    await expect(engine.preflight()).rejects.toMatchObject({
      exitCode: 5,
      message: 'k6 (K6_BIN=/nonexistent/k6) is not installed',
      hint: expect.stringMatching(/K6_BIN/),
    });
  });
});
