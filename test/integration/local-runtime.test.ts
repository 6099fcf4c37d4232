/**
 * The local runtime against real servers: Postgres, the harness service, a
 * shell command. Every test checks from the outside (/proc, TCP, the file
 * system) that a stopped or failed deployment left nothing behind.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAllSync, LocalRuntime, processTree } from '../../harness/runtime/index.ts';
import type { Deployment, Topology } from '../../model/index.ts';
import { TargetStartError } from '../../model/index.ts';
import { alivePids, leftoverPaths, openPorts, settle, taggedPids } from '../fixtures/leftovers.ts';

const realService = fileURLToPath(new URL('../../targets/service/main.ts', import.meta.url));
const healthServer = fileURLToPath(new URL('../fixtures/health-server.mjs', import.meta.url));
// The real service when it is there; a stand-in that also serves GET /health otherwise.
const runtime = new LocalRuntime(existsSync(realService) ? {} : { serviceEntry: healthServer });

let deployment: Deployment | undefined;
const runIds: string[] = [];
function newRunId(label: string): string {
  const id = `lrt-${label}-${process.pid}-${Date.now().toString(36)}`;
  runIds.push(id);
  return id;
}

async function expectNothingLeft(runId: string, pids: number[], ports: number[]): Promise<void> {
  expect(await settle(() => taggedPids(runId))).toEqual([]);
  expect(await settle(() => alivePids(pids))).toEqual([]);
  expect(await settle(() => openPorts(ports))).toEqual([]);
  expect(leftoverPaths(runId)).toEqual([]);
}

afterEach(async () => {
  await deployment?.stop();
  deployment = undefined;
});

afterAll(() => {
  // Last resort if a test failed between start and stop.
  killAllSync();
});

describe('LocalRuntime', () => {
  it('starts Postgres and the service in order, serves, restarts, and stops leaving nothing', async () => {
    const runId = newRunId('up');
    const topology: Topology = {
      name: 'monolith',
      description: 'postgres + service',
      entry: 'app',
      components: [
        { name: 'app', kind: 'service', uses: ['postgres'], env: { DATABASE_URL: '{{postgres.url}}' } },
        { name: 'postgres', kind: 'postgres', settings: { fsync: false } },
      ],
    };
    const lines: string[] = [];
    deployment = await runtime.start(topology, { runId, log: (l) => lines.push(l) });
    console.log(lines.join('\n'));

    const [db] = deployment.component('postgres');
    expect(db?.url).toMatch(/^postgres:\/\/harness@127\.0\.0\.1:\d+\/harness$/);
    expect(deployment.entryUrl).toBe(deployment.component('app')[0]?.url);
    expect(Object.keys(deployment.startTimes).sort()).toEqual(['app', 'postgres']);
    expect(deployment.startTimes.app).toBeGreaterThanOrEqual(deployment.startTimes.postgres ?? Infinity);

    const client = new pg.Client({ connectionString: db!.url });
    client.on('error', () => {});
    await client.connect();
    await client.query('CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)');
    await client.end();

    const health = await fetch(`${deployment.entryUrl}/health`);
    expect(health.status).toBe(200);
    await health.text();

    const sample = await db!.sample();
    expect(sample.rssBytes).toBeGreaterThan(1_000_000);
    expect(sample.cpuCores).toBeGreaterThanOrEqual(0);

    // A restart keeps the data dir and the port.
    const oldPid = db!.pid;
    await db!.restart();
    expect(db!.pid).not.toBe(oldPid);
    const again = new pg.Client({ connectionString: db!.url });
    await again.connect();
    expect((await again.query('SELECT v FROM kept')).rows).toEqual([{ v: 42 }]);
    await again.end();

    const pids = deployment.instances.flatMap((i) => processTree(i.pid!).map((p) => p.pid));
    const ports = deployment.instances.map((i) => i.port);
    const stopping = Date.now();
    await deployment.stop();
    expect(Date.now() - stopping).toBeLessThan(3000);
    await deployment.stop(); // idempotent
    await expectNothingLeft(runId, pids, ports);
  });

  it('a failed readiness throws TargetStartError with its output and stops what had started', async () => {
    const runId = newRunId('fail');
    const topology: Topology = {
      name: 'broken',
      description: 'a command that dies after its dependency started',
      entry: 'bad',
      components: [
        { name: 'ok', kind: 'command', command: `exec node ${healthServer}`, health: '/health' },
        { name: 'bad', kind: 'command', uses: ['ok'], command: 'echo "boom: no config" >&2; exit 1' },
      ],
    };
    const started = Date.now();
    const error = await runtime.start(topology, { runId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetStartError);
    const message = (error as TargetStartError).message;
    expect(message).toContain('bad-0 exited with code 1');
    expect(message).toContain('boom: no config');
    expect((error as TargetStartError).hint).toContain('run it by hand');
    // Noticed at the exit, not at the 30 s deadline.
    expect(Date.now() - started).toBeLessThan(10_000);
    await expectNothingLeft(runId, [], []);
  });

  it('pause makes requests hang, resume lets them complete', async () => {
    const runId = newRunId('pause');
    deployment = await runtime.start(
      {
        name: 'one',
        description: 'one http server',
        entry: 'web',
        components: [
          { name: 'web', kind: 'command', command: `exec node ${healthServer}`, health: '/health' },
        ],
      },
      { runId },
    );
    const [web] = deployment.component('web');
    await web!.pause();
    let done = false;
    const request = fetch(`${web!.url}/hello`).then(async (r) => {
      done = true;
      return r.text();
    });
    await new Promise((r) => setTimeout(r, 400));
    expect(done).toBe(false);
    await web!.resume();
    expect(await request).toBe('hello from web-0');
  });
});
