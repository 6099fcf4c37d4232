/** Process faults on the real monolith: pause Postgres, kill and stop the app, teardown with a fault still applied. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from '../../chaos/index.ts';
import { killAllSync } from '../../harness/runtime/index.ts';
import type { Deployment } from '../../model/index.ts';
import { FaultSpec } from '../../model/index.ts';
import { portOpen } from '../fixtures/leftovers.ts';
import { expectNothingLeft, newRunId, portsOf, seed, startMonolith } from './chaos-kit.ts';

const runId = newRunId('proc');
let deployment: Deployment;

beforeAll(async () => {
  deployment = await startMonolith(runId, { dbTimeoutMs: 15_000 });
  await seed(deployment.entryUrl, 50);
});

afterAll(async () => {
  await deployment?.stop();
  killAllSync();
});

const put = (id: number, value: string) =>
  fetch(`${deployment.entryUrl}/items/${id}`, {
    method: 'PUT',
    body: JSON.stringify({ value }),
    headers: { 'content-type': 'application/json' },
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as { version?: number } }));

describe('process faults', () => {
  it('pause postgres: writes stall; resume: they complete', async () => {
    const fault = await inject(deployment, FaultSpec.parse({ kind: 'pause', at: '0', target: 'postgres' }));
    const started = Date.now();
    let doneAt: number | undefined;
    const write = put(5, 'during-pause').then((r) => {
      doneAt = Date.now();
      return r;
    });
    await new Promise((r) => setTimeout(r, 800));
    expect(doneAt).toBeUndefined();
    await fault.revert();
    const result = await write;
    expect(result.status).toBe(200);
    expect(result.body.version).toBe(2);
    expect(doneAt! - started).toBeGreaterThanOrEqual(800);
    expect(fault.toJSON()).toMatchObject({
      kind: 'pause',
      target: 'postgres-0',
      revertedAt: expect.any(Number),
    });
  });

  it('kill the app with restartAfter: it is gone, and back (same port) once reverted', async () => {
    const [app] = deployment.component('app');
    const fault = await inject(
      deployment,
      FaultSpec.parse({ kind: 'kill', at: '0', target: 'app', restartAfter: '1s' }),
    );
    expect(app!.isRunning()).toBe(false);
    expect(await portOpen(app!.port)).toBe(false);
    await fault.revert();
    expect(app!.isRunning()).toBe(true);
    const health = await fetch(`${app!.url}/health`);
    expect(health.status).toBe(200);
    await health.text();
    expect(fault.revertedAt! - fault.appliedAt).toBeGreaterThan(0);
  });

  it('a graceful stop of postgres, then a restart that keeps the data', async () => {
    const fault = await inject(
      deployment,
      FaultSpec.parse({ kind: 'stop', at: '0', target: 'postgres', restartAfter: '1s' }),
    );
    expect(deployment.component('postgres')[0]!.isRunning()).toBe(false);
    expect((await put(6, 'x')).status).toBe(503);
    await fault.revert();
    // The pool reconnects; the row written before the stop is still there.
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await put(5, 'after-restart')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    const item = (await (await fetch(`${deployment.entryUrl}/items/5`)).json()) as { version: number };
    expect(item.version).toBeGreaterThanOrEqual(3);
  });

  it('stops with postgres still paused and leaves nothing behind', async () => {
    await inject(deployment, FaultSpec.parse({ kind: 'pause', at: '0', target: 'postgres' }));
    const ports = portsOf(deployment);
    const began = Date.now();
    await deployment.stop();
    expect(Date.now() - began).toBeLessThan(5000);
    await expectNothingLeft(runId, ports);
  });
});
