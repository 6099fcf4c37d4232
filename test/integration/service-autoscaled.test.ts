/**
 * The autoscaled architecture on real servers (local runtime): HAProxy → one
 * app → Postgres + a hot standby, and the cell's scaler loop (the one a run
 * uses) fed with interval samples measured from real traffic through the
 * balancer. Every app request burns 20 ms of CPU and HAProxy lets two into
 * the one app at a time, so eight clients see a p95 far above the 30 ms
 * target: the scaler asks for a second replica, the runtime starts it and it
 * joins HAProxy, and it takes reads — without a request failing meanwhile.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScalerLoop } from '../../harness/run/index.ts';
import { type Deployment, runtimes } from '../../harness/runtime/index.ts';
import type { CellScaling } from '../../model/index.ts';
import { architectureScaler, resolveTopology } from '../../targets/index.ts';
import { intervalSample } from '../helpers/intervals.ts';
import { labelled, serviceClient } from '../helpers/service-client.ts';

const params = {
  minReplicas: 1,
  maxReplicas: 2,
  metric: 'p95',
  targetP95Ms: 30,
  cooldownMs: 0,
  workUs: 20_000,
  maxConnPerApp: 2,
  poolSize: 4,
  checkIntervalMs: 200,
};
let deployment: Deployment;

beforeAll(async () => {
  deployment = await runtimes.local().start(resolveTopology('autoscaled', params), {
    runId: `it-svc-autoscaled-${process.pid}`,
  });
  expect((await serviceClient(deployment.entryUrl).post('/admin/seed', { items: 100 })).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await deployment?.stop();
});

describe('service, autoscaled', () => {
  it('adds a replica behind HAProxy when p95 is over target, and the new replica serves', async () => {
    const policy = architectureScaler('autoscaled', params);
    expect(policy).toMatchObject({ component: 'app', metric: 'p95', target: 30, min: 1, max: 2 });
    let record: CellScaling | undefined;
    const loop = new ScalerLoop({
      policy: policy!,
      initial: deployment.component('app').map((i) => i.id),
      scale: (n) => deployment.scale!('app', n),
      resources: {},
      update: (s) => {
        record = s;
      },
      log: () => {},
    });

    // Eight clients in closed loops; the latencies of each second become that second's sample.
    let window: number[] = [];
    const failures: string[] = [];
    let running = true;
    const clients = Array.from({ length: 8 }, async (_, c) => {
      for (let i = 0; running; i++) {
        const t0 = performance.now();
        const res = await fetch(`${deployment.entryUrl}/items/${((c * 13 + i) % 100) + 1}`).catch(
          (e: Error) => e,
        );
        if (res instanceof Error) failures.push(res.message);
        else if (res.status !== 200) failures.push(`${res.status} ${await res.text()}`);
        else {
          await res.arrayBuffer();
          window.push(performance.now() - t0);
        }
      }
    });
    const started = Date.now();
    let tick = started;
    while (Date.now() - started < 25_000) {
      await sleep(1_000);
      const latencies = window;
      window = [];
      loop.onInterval(intervalSample(tick, { 'get-item': { latenciesMs: latencies } }));
      tick += 1_000;
      if (record?.events[0]?.doneAt !== undefined && deployment.component('app').length === 2) break;
    }
    // A few more seconds on two replicas.
    await sleep(2_000);
    running = false;
    await Promise.all(clients);
    await loop.stop();

    const event = record?.events[0];
    expect(event).toMatchObject({ from: 1, to: 2, added: ['app-1'], removed: [] });
    expect(event?.value).toBeGreaterThan(30);
    expect(event?.error).toBeUndefined();
    expect(event!.doneAt).toBeGreaterThanOrEqual(event!.decidedAt);
    expect(deployment.component('app').map((i) => i.id)).toEqual(['app-0', 'app-1']);
    expect(record!.replicas.at(-1)).toMatchObject({ replicas: 2, desired: 2 });
    // The new replica took reads through the balancer; nothing failed while it joined.
    const reads = await labelled(deployment.component('app')[1]!.url, 'db_reads_total', 'target');
    expect([...reads.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  }, 60_000);
});
