/**
 * Network faults on a real edge: the monolith's app talks to Postgres through
 * a fault proxy the local runtime put on `app->postgres`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultImpact, inject, planFaults, runFaultSchedule, selectProxies } from '../../chaos/index.ts';
import { CollectingSink, engines } from '../../harness/engine/index.ts';
import { killAllSync } from '../../harness/runtime/index.ts';
import { type Deployment, Executor, FaultSpec, Workload } from '../../model/index.ts';
import { expectNothingLeft, medianMs, newRunId, portsOf, seed, startMonolith } from './chaos-kit.ts';

const runId = newRunId('net');
let deployment: Deployment;

beforeAll(async () => {
  deployment = await startMonolith(runId, { edgeProxies: ['app->postgres'], dbTimeoutMs: 1000 });
  await seed(deployment.entryUrl, 200);
});

afterAll(async () => {
  await deployment?.stop();
  killAllSync();
});

describe('network faults on app->postgres', () => {
  it('the app really talks to Postgres through the proxy', async () => {
    const [edge] = deployment.edges ?? [];
    expect(edge).toMatchObject({ from: 'app', to: 'postgres' });
    const proxy = selectProxies(deployment, 'app->postgres', 0)[0]!;
    expect(proxy.upstream.port).toBe(deployment.component('postgres')[0]!.port);
    const before = proxy.stats().bytes.downstream.sent;
    await medianMs(`${deployment.entryUrl}/items/1`, 5, 0);
    expect(proxy.stats().bytes.downstream.sent).toBeGreaterThan(before);
  });

  it('a 50 ms latency raises the p50 of GET /items/1 by 50 ms (± 10 %), and goes away on revert', async () => {
    const url = `${deployment.entryUrl}/items/1`;
    const spec = FaultSpec.parse({ kind: 'latency', at: '0', edge: 'app->postgres', latency: '50ms' });
    await medianMs(url, 10, 10);
    // Interleaved (plain, faulted, plain, …) so a machine busy with other work shifts both alike.
    const plain: number[] = [];
    const faulted: number[] = [];
    for (let i = 0; i < 40; i++) {
      plain.push(await medianMs(url, 1, 0));
      const fault = await inject(deployment, spec);
      faulted.push(await medianMs(url, 1, 0));
      await fault.revert();
      expect(fault.revertedAt).toBeGreaterThanOrEqual(fault.appliedAt);
    }
    const before = median(plain);
    const during = median(faulted);
    console.log(
      `latency fault: p50 without ${before.toFixed(2)} ms, with ${during.toFixed(2)} ms: +${(during - before).toFixed(2)} ms`,
    );
    expect(during - before).toBeGreaterThan(45);
    expect(during - before).toBeLessThan(55);
    expect(selectProxies(deployment, 'app->postgres', 0)[0]!.toxics()).toEqual([]);
  });

  it('a partition under load: 503s while it lasts, recovery after the revert, measured by faultImpact', async () => {
    const sink = new CollectingSink();
    const timeline = planFaults([
      FaultSpec.parse({ kind: 'partition', at: '3s', duration: '2s', edge: 'app->postgres' }),
    ]);
    const startedAt = Date.now();
    const schedule = runFaultSchedule(deployment, timeline, { startedAt });
    await engines.http({ seed: 1 }).run({
      scenarios: [
        {
          executor: Executor.parse({
            executor: 'constant-arrival-rate',
            rate: 40,
            // 5 s after the revert: a recovery is 3 steady seconds in a row, and one slow second
            // (p99 of 40 requests is their slowest) must not leave none to see.
            duration: '10s',
            preAllocatedVUs: 20,
          }),
          workload: Workload.parse({ mix: [{ name: 'get', path: '/items/{key}' }] }),
        },
      ],
      dataset: { items: 200 },
      baseUrl: deployment.entryUrl,
      http: { timeoutMs: 5000 },
      sink,
      signal: new AbortController().signal,
    });
    await schedule.stop();
    const [applied] = schedule.applied;
    expect(applied?.revertedAt).toBeDefined();
    // Steady state as a scenario would define it (robust to a machine busy with other work).
    const impact = faultImpact(sink.samples, applied!, {
      thresholds: { http_req_failed: ['rate<0.01'], http_req_duration: ['p(99)<500'] },
    });
    console.log(
      'partition impact',
      JSON.stringify({ ...impact, before: impact.before, during: impact.during }),
    );
    expect(sink.totals().statuses['503']).toBeGreaterThan(0);
    expect(impact.during!.errorRate).toBeGreaterThan(0.2);
    expect(impact.availability).toBeLessThan(0.8);
    expect(impact.detectMs).not.toBeNull();
    expect(impact.recoveryMs).not.toBeNull();
    expect(impact.after!.errorRate).toBe(0);
  });

  it('stops with a fault still applied and leaves nothing behind', async () => {
    await inject(
      deployment,
      FaultSpec.parse({ kind: 'latency', at: '0', edge: 'app->postgres', latency: '20ms' }),
    );
    const stuck = await inject(
      deployment,
      FaultSpec.parse({ kind: 'partition', at: '0', edge: 'app->postgres' }),
    );
    const ports = portsOf(deployment);
    await deployment.stop();
    await stuck.revert(); // after the stop: harmless
    await expectNothingLeft(runId, ports);
  });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
