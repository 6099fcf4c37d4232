/**
 * `Deployment.scale` on real servers: HAProxy in front of fixture HTTP
 * backends, scaled 1 → 3 → 1 while clients keep sending requests through
 * it. No request fails — not while a replica joins, not while two drain
 * with slow requests still in flight on them — the balancer process is the
 * same one throughout (runtime API, no restart), the new instances carry the
 * run id, and after the scale-in and the stop nothing is left. Local
 * runtime, and the docker runtime where a daemon answers.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DockerRuntime, killAllSync, LocalRuntime } from '../../harness/runtime/index.ts';
import type { Deployment, Runtime, Topology } from '../../model/index.ts';
import { alivePids, leftoverPaths, openPorts, settle, taggedPids } from '../fixtures/leftovers.ts';
import { containersOfRun, runDockerTests } from '../helpers/docker.ts';

const healthServer = fileURLToPath(new URL('../fixtures/health-server.mjs', import.meta.url));
let deployment: Deployment | undefined;

afterEach(async () => {
  await deployment?.stop();
  deployment = undefined;
});

afterAll(() => {
  killAllSync();
});

const topology: Topology = {
  name: 'scalable',
  description: 'haproxy → N http backends',
  entry: 'lb',
  components: [
    { name: 'app', kind: 'command', command: `exec node ${healthServer}`, health: '/health' },
    {
      name: 'lb',
      kind: 'haproxy',
      uses: ['app'],
      settings: { balance: 'roundrobin', checkIntervalMs: 200, fall: 2, rise: 1 },
    },
  ],
};

/** Clients sending requests one after another until stopped: every answer and every failure. */
function traffic(url: string, clients: number, path = '/hello') {
  const served: string[] = [];
  const failures: string[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      try {
        const res = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(5_000) });
        const body = await res.text();
        if (res.status === 200) served.push(body);
        else failures.push(`${res.status} ${body.slice(0, 60)}`);
      } catch (error) {
        failures.push(String(error));
      }
    }
  });
  return {
    served,
    failures,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function scalesWithoutFailing(runtime: Runtime, runId: string): Promise<Deployment> {
  deployment = await runtime.start(topology, { runId });
  const d = deployment;
  const lbPid = d.component('lb')[0]!.pid;
  const load = traffic(d.entryUrl, 4);
  await sleep(300);

  const out = await d.scale!('app', 3);
  expect(out).toMatchObject({ component: 'app', from: 1, to: 3, removed: [] });
  expect(out.added.sort()).toEqual(['app-1', 'app-2']);
  console.log(`${runtime.name}: 1 → 3 apps serving in ${out.endedAt - out.startedAt} ms`);
  expect(d.component('app').map((i) => i.id)).toEqual(['app-0', 'app-1', 'app-2']);
  // Taking traffic as soon as the scale resolved: every app answers within a few rounds.
  const before = load.served.length;
  await sleep(500);
  expect(new Set(load.served.slice(before))).toEqual(
    new Set(['hello from app-0', 'hello from app-1', 'hello from app-2']),
  );
  // The config on disk has them too, so a restarted balancer would come back with them.
  const argv = readFileSync(`/proc/${lbPid}/cmdline`, 'utf8').split('\0');
  expect(readFileSync(argv[argv.indexOf('-f') + 1]!, 'utf8')).toMatch(/server app-2 127\.0\.0\.1:\d+ check/);

  // Slow requests in flight on every app while two of them drain: each still gets its answer.
  const slow = traffic(d.entryUrl, 6, '/slow?ms=400');
  await sleep(150);
  const leaving = d.component('app').slice(1);
  const leavingPids = leaving.flatMap((i) => (i.pid === undefined ? [] : [i.pid]));
  const leavingPorts = leaving.map((i) => i.port);
  const inn = await d.scale!('app', 1);
  expect(inn).toMatchObject({ from: 3, to: 1, added: [] });
  expect(inn.removed.sort()).toEqual(['app-1', 'app-2']);
  await slow.stop();
  await sleep(300);
  await load.stop();

  expect(load.failures).toEqual([]);
  expect(slow.failures).toEqual([]);
  expect(slow.served.length).toBeGreaterThan(6);
  expect(load.served.slice(-20).every((b) => b === 'hello from app-0')).toBe(true);
  expect(d.component('app').map((i) => i.id)).toEqual(['app-0']);
  expect(await settle(() => openPorts(leavingPorts))).toEqual([]);
  if (runtime.name === 'local') expect(await settle(() => alivePids(leavingPids))).toEqual([]);
  // Never restarted: the balancer that started with one backend served all along.
  expect(d.component('lb')[0]!.pid).toBe(lbPid);

  // Out again after in: fresh ids, never reused.
  const again = await d.scale!('app', 2);
  expect(again.added).toEqual(['app-3']);
  return d;
}

async function leavesNothing(d: Deployment, runId: string): Promise<void> {
  const ports = d.instances.map((i) => i.port);
  await d.stop();
  deployment = undefined;
  expect(await settle(() => taggedPids(runId))).toEqual([]);
  expect(await settle(() => openPorts(ports))).toEqual([]);
  expect(leftoverPaths(runId)).toEqual([]);
}

describe('Deployment.scale, local runtime', () => {
  const runtime = new LocalRuntime();

  it('adds and drains replicas behind HAProxy without a failed request', async () => {
    const runId = `rsc-${process.pid}-${Date.now().toString(36)}`;
    const d = await scalesWithoutFailing(runtime, runId);
    // The new instance is tagged with the run id like the first ones.
    expect(taggedPids(runId).length).toBeGreaterThanOrEqual(3);
    await leavesNothing(d, runId);
  });

  it('refuses what it cannot do, and a stop during a scale-out leaves nothing', async () => {
    const runId = `rsc-stop-${process.pid}-${Date.now().toString(36)}`;
    deployment = await runtime.start(topology, { runId });
    const d = deployment;
    await expect(d.scale!('lb', 2)).rejects.toThrow(/only service, worker and command components scale/);
    await expect(d.scale!('app', 0)).rejects.toThrow(/replicas must be an integer ≥ 1/);
    await expect(d.scale!('nope', 2)).rejects.toThrow(/no component "nope"/);
    const scaling = d.scale!('app', 3);
    await sleep(20);
    await d.stop();
    await expect(scaling).rejects.toThrow();
    deployment = undefined;
    expect(await settle(() => taggedPids(runId))).toEqual([]);
    expect(leftoverPaths(runId)).toEqual([]);
  });
});

describe.runIf(runDockerTests)('Deployment.scale, docker runtime', () => {
  it('adds and drains replica containers behind HAProxy without a failed request', async () => {
    const runId = `drsc-${process.pid}-${Date.now().toString(36)}`;
    const d = await scalesWithoutFailing(new DockerRuntime(), runId);
    expect([...containersOfRun(runId).values()].sort()).toEqual(['app-0', 'app-3', 'lb-0']);
    await leavesNothing(d, runId);
    expect(containersOfRun(runId).size).toBe(0);
  });
});
