/**
 * cqrs, event-sourced and saga on the docker runtime: every instance in its
 * own container started by `DockerRuntime` (the path of `--runtime docker`),
 * serving the shared API, passing its own integrity checks — for the saga,
 * also with the payment container killed and started again mid-stream — and
 * leaving no container, process, port or temp dir when stopped.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DockerRuntime, killAllSync } from '../../harness/runtime/index.ts';
import type { Deployment } from '../../model/index.ts';
import { architectureVerify, resolveTopology } from '../../targets/index.ts';
import { leftoverPaths, openPorts, settle, taggedPids } from '../fixtures/leftovers.ts';
import { containersOfRun, runDockerTests } from '../helpers/docker.ts';
import { eventually } from '../helpers/eventually.ts';
import { serviceClient } from '../helpers/service-client.ts';
import { sql } from '../helpers/sql.ts';

const runtime = new DockerRuntime();
let deployment: Deployment | undefined;

async function startOn(
  arch: string,
  params: Record<string, unknown>,
): Promise<{ d: Deployment; runId: string }> {
  const runId = `drt-${arch}-${process.pid}-${Date.now().toString(36)}`;
  deployment = await runtime.start(resolveTopology(arch, params), { runId });
  const api = serviceClient(deployment.entryUrl);
  expect((await api.post('/admin/seed', { items: 50, valueSize: 16 })).status).toBe(200);
  return { d: deployment, runId };
}

async function ownChecks(arch: string, d: Deployment) {
  return architectureVerify(arch)!({ entryUrl: d.entryUrl, urls: (c) => d.component(c).map((i) => i.url) });
}

async function stopLeavingNothing(d: Deployment, runId: string): Promise<void> {
  const ports = d.instances.map((i) => i.port);
  await d.stop();
  deployment = undefined;
  expect(containersOfRun(runId).size).toBe(0);
  expect(await settle(() => taggedPids(runId))).toEqual([]);
  expect(await settle(() => openPorts(ports))).toEqual([]);
  expect(leftoverPaths(runId)).toEqual([]);
}

afterEach(async () => {
  await deployment?.stop();
  deployment = undefined;
});

afterAll(() => {
  killAllSync();
});

describe.runIf(runDockerTests)('new architectures on the docker runtime', () => {
  it('cqrs: a write reaches the read model through a projector container', async () => {
    const { d, runId } = await startOn('cqrs', { poolSize: 4, drainTimeoutMs: 5_000 });
    expect([...containersOfRun(runId).values()].sort()).toEqual([
      'app-0',
      'nats-0',
      'postgres-0',
      'projector-0',
      'readdb-0',
    ]);
    const api = serviceClient(d.entryUrl);
    expect((await api.put('/items/4', { value: 'docker' })).body.version).toBe(2);
    expect(await eventually(async () => (await api.get('/items/4')).body.value === 'docker')).toBe(true);
    expect(await ownChecks('cqrs', d)).toMatchObject([
      { name: 'read model = write model', checked: 50, failed: 0 },
    ]);
    await stopLeavingNothing(d, runId);
  });

  it('event-sourced: appends and replays from a snapshot in its container', async () => {
    const { d, runId } = await startOn('event-sourced', { snapshotEvery: 10 });
    const api = serviceClient(d.entryUrl);
    for (let i = 0; i < 25; i++) await api.put('/items/2', { value: `v${i}` });
    // The snapshot at version 20 is written after the answer; read once it is there.
    const latest = async () =>
      (await sql(d, 'postgres', 'SELECT version FROM es_snapshots WHERE stream_id = 2')).rows[0]?.version;
    expect(await eventually(async () => (await latest()) === 20)).toBe(true);
    expect((await api.get('/items/2')).body).toMatchObject({ version: 26, replayed: 6 });
    expect((await ownChecks('event-sourced', d)).map((c) => c.failed)).toEqual([0, 0]);
    await stopLeavingNothing(d, runId);
  });

  it('saga: the payment container killed and started again mid-stream leaves no half-done saga', async () => {
    const { d, runId } = await startOn('saga', { stepTimeoutMs: 1_000, poolSize: 4, drainTimeoutMs: 20_000 });
    const api = serviceClient(d.entryUrl);
    const until = Date.now() + 5_000;
    const load = Promise.all(
      Array.from({ length: 4 }, async (_, c) => {
        for (let i = 0; Date.now() < until; i++)
          await api.post('/orders', { itemId: ((c + i) % 50) + 1, qty: 1 }).catch(() => undefined);
      }),
    );
    await sleep(1_000);
    const [payment] = d.component('payment');
    await payment!.kill('SIGKILL');
    await sleep(2_000);
    await payment!.restart();
    await load;
    const [check] = await ownChecks('saga', d);
    expect(check).toMatchObject({ name: 'half-done sagas', failed: 0 });
    expect(check!.figures?.committed).toBeGreaterThan(0);
    expect(check!.figures?.compensated).toBeGreaterThan(0);
    await stopLeavingNothing(d, runId);
  });
});
