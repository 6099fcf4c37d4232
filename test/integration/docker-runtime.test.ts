/**
 * The docker runtime against real containers: the monolith architecture
 * (Postgres and the harness service), each in its own container started by
 * `DockerRuntime` — the same code path as `harness run --runtime docker`.
 * Every check looks from the outside: the service API, `docker inspect`,
 * TCP, /proc and the file system.
 */
import { availableParallelism, totalmem } from 'node:os';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { seedDataset } from '../../harness/run/index.ts';
import { DockerRuntime, killAllSync } from '../../harness/runtime/index.ts';
import type { Deployment, Instance, Topology } from '../../model/index.ts';
import { TargetStartError } from '../../model/index.ts';
import { resolveTopology } from '../../targets/index.ts';
import { leftoverPaths, openPorts, settle, taggedPids } from '../fixtures/leftovers.ts';
import { containersOfRun, inspect, runDockerTests } from '../helpers/docker.ts';
import { serviceClient } from '../helpers/service-client.ts';

const runtime = new DockerRuntime();
let deployment: Deployment | undefined;

function newRunId(label: string): string {
  return `drt-${label}-${process.pid}-${Date.now().toString(36)}`;
}

async function expectNothingLeft(runId: string, ports: number[]): Promise<void> {
  expect(containersOfRun(runId).size).toBe(0);
  expect(await settle(() => taggedPids(runId))).toEqual([]);
  expect(await settle(() => openPorts(ports))).toEqual([]);
  expect(leftoverPaths(runId)).toEqual([]);
}

/** The service's pool notices a restarted database on its next queries: retry for a few seconds. */
async function getWhenBack(api: ReturnType<typeof serviceClient>, path: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const res = await api.get(path).catch(() => undefined);
    if (res?.status === 200 || Date.now() > deadline) return res;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function containerOf(instance: Instance): string {
  return (instance as unknown as { containerId: string }).containerId;
}

afterEach(async () => {
  await deployment?.stop();
  deployment = undefined;
});

afterAll(() => {
  killAllSync();
});

describe.runIf(runDockerTests)('DockerRuntime', () => {
  it('runs the monolith in containers: serves, pauses, keeps its data over kill + restart, limits, samples, stops leaving nothing', async () => {
    const runId = newRunId('monolith');
    const lines: string[] = [];
    deployment = await runtime.start(resolveTopology('monolith'), { runId, log: (l) => lines.push(l) });
    console.log(lines.join('\n'));

    // One container per instance, labelled with the run and the instance.
    expect([...containersOfRun(runId).values()].sort()).toEqual(['app-0', 'postgres-0']);
    for (const [component, ms] of Object.entries(deployment.startTimes)) {
      expect(ms, `${component} start`).toBeLessThan(10_000);
    }
    const [db] = deployment.component('postgres');
    const [app] = deployment.component('app');
    expect(db!.url).toMatch(/^postgres:\/\/harness@127\.0\.0\.1:\d+\/harness$/);
    expect(inspect<string>(containerOf(db!), '.HostConfig.NetworkMode')).toBe('host');
    expect(inspect<string>(containerOf(db!), '.Config.User')).not.toMatch(/^0:/);

    // Seeded and served through the service API.
    const seed = await seedDataset(deployment.entryUrl, { items: 200, valueSize: 50 });
    expect(seed.items).toBe(200);
    const api = serviceClient(deployment.entryUrl);
    expect((await api.put('/items/7', { value: 'kept' })).status).toBe(200);
    expect((await api.get('/items/7')).body.value).toBe('kept');

    // Paused: a request hangs; resumed: it completes.
    await app!.pause();
    expect(inspect<boolean>(containerOf(app!), '.State.Paused')).toBe(true);
    let done = false;
    const pending = api.get('/items/7').then((r) => {
      done = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(done).toBe(false);
    await app!.resume();
    expect((await pending).body.value).toBe('kept');

    // Killed: down; restarted: the same port, the same data.
    const port = db!.port;
    await db!.kill('SIGKILL');
    expect(db!.isRunning()).toBe(false);
    expect(inspect<boolean>(containerOf(db!), '.State.Running')).toBe(false);
    await db!.restart();
    expect(db!.isRunning()).toBe(true);
    expect(db!.port).toBe(port);
    expect((await getWhenBack(api, '/items/7'))?.body.value).toBe('kept');

    // Limited: docker inspect shows it; reverted: no limit left — Docker cannot go back to 0, so
    // "none" is the whole machine (update-limits.ts).
    const before = inspect<{ NanoCpus: number; Memory: number }>(containerOf(db!), '.HostConfig');
    expect(before).toMatchObject({ NanoCpus: 0, Memory: 0 });
    const limit = await db!.limit!({ cpus: 0.5, memoryBytes: 256 * 1024 * 1024 });
    const limited = inspect<{ NanoCpus: number; Memory: number }>(containerOf(db!), '.HostConfig');
    expect(limited.NanoCpus).toBe(500_000_000);
    expect(limited.Memory).toBe(256 * 1024 * 1024);
    expect((await api.get('/items/8')).status).toBe(200);
    await limit.revert();
    const reverted = inspect<{ NanoCpus: number; Memory: number }>(containerOf(db!), '.HostConfig');
    expect({ NanoCpus: reverted.NanoCpus, Memory: reverted.Memory }).toEqual({
      NanoCpus: availableParallelism() * 1e9,
      Memory: totalmem(),
    });

    // CPU pressure: a busy process beside it, on the host, gone on revert.
    const tagged = taggedPids(runId).length;
    const hog = await app!.stressCpu!(1);
    expect(taggedPids(runId)).toHaveLength(tagged + 1);
    await hog.revert();
    expect(await settle(() => (taggedPids(runId).length > tagged ? [1] : []))).toEqual([]);

    // Sampled: the container's real memory and CPU.
    const sample = await db!.sample();
    expect(sample.rssBytes).toBeGreaterThan(5_000_000);
    expect(sample.cpuCores).toBeGreaterThanOrEqual(0);
    expect((await app!.sample()).rssBytes).toBeGreaterThan(20_000_000);

    const ports = deployment.instances.map((i) => i.port);
    const stopping = Date.now();
    await deployment.stop();
    expect(Date.now() - stopping).toBeLessThan(5000);
    await deployment.stop(); // idempotent
    await expectNothingLeft(runId, ports);
  });

  it('a start that fails readiness throws TargetStartError with the container output and removes what it started', async () => {
    const runId = newRunId('fail');
    const topology: Topology = {
      name: 'broken',
      description: 'a command that dies after its database started',
      entry: 'bad',
      components: [
        { name: 'pg', kind: 'postgres' },
        { name: 'bad', kind: 'command', uses: ['pg'], command: 'echo "boom: no config" >&2; exit 1' },
      ],
    };
    const started = Date.now();
    const error = await runtime.start(topology, { runId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetStartError);
    const message = (error as TargetStartError).message;
    expect(message).toContain('bad-0 exited with code 1');
    expect(message).toContain('boom: no config');
    // Noticed at the exit, not at the 30 s deadline.
    expect(Date.now() - started).toBeLessThan(15_000);
    await expectNothingLeft(runId, []);
  });
});
