/** Resource faults on the real monolith: cgroup CPU quota and memory limit, CPU hogs; nothing left after. */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from '../../chaos/index.ts';
import { CollectingSink, engines } from '../../harness/engine/index.ts';
import { killAllSync, readEnvVar, removeRunGroups } from '../../harness/runtime/index.ts';
import type { Deployment } from '../../model/index.ts';
import { Executor, FaultSpec, Workload } from '../../model/index.ts';
import { taggedPids } from '../fixtures/leftovers.ts';
import { expectNothingLeft, leftoverCgroups, newRunId, portsOf, seed, startMonolith } from './chaos-kit.ts';

const runId = newRunId('res');
let deployment: Deployment;

beforeAll(async () => {
  deployment = await startMonolith(runId);
  await seed(deployment.entryUrl, 100);
});

afterAll(async () => {
  await deployment?.stop();
  killAllSync();
});

/** Requests per second a short closed-model burst gets through, and the app's CPU (cores) meanwhile. */
interface Burst {
  rate: number;
  appCores: number;
}

async function burst(): Promise<Burst> {
  const sink = new CollectingSink();
  const app = deployment.component('app')[0]!;
  await app.sample();
  const began = Date.now();
  await engines.http({ seed: 1 }).run({
    scenarios: [
      {
        executor: Executor.parse({ executor: 'constant-vus', vus: 10, duration: '1s' }),
        workload: Workload.parse({ mix: [{ name: 'get', path: '/items/{key}' }] }),
      },
    ],
    dataset: { items: 100 },
    baseUrl: deployment.entryUrl,
    http: { timeoutMs: 5000 },
    sink,
    signal: new AbortController().signal,
  });
  const rate = sink.totals().requests / ((Date.now() - began) / 1000);
  return { rate, appCores: (await app.sample()).cpuCores };
}

describe('resource faults', () => {
  it('cpu-throttle 0.2 cpus on the app: the whole process tree in a cgroup, max throughput falls, then recovers', async () => {
    await burst(); // warm-up
    const spec = FaultSpec.parse({ kind: 'cpu-throttle', at: '0', target: 'app', cpus: 0.2 });
    // Interleaved pairs, the best of each kept: a machine shared with other work only ever lowers a burst.
    const plain: Burst[] = [];
    const throttled: Burst[] = [];
    for (let i = 0; i < 3; i++) {
      plain.push(await burst());
      const fault = await inject(deployment, spec);
      const [group] = leftoverCgroups(runId);
      expect(group).toMatch(new RegExp(`/sys/fs/cgroup/cpu/harness-${runId}-app-0$`));
      expect(readFileSync(`${group}/cpu.cfs_quota_us`, 'utf8').trim()).toBe('20000');
      expect(readFileSync(`${group}/cgroup.procs`, 'utf8')).toContain(
        String(deployment.component('app')[0]!.pid),
      );
      throttled.push(await burst());
      await fault.revert();
      expect(leftoverCgroups(runId)).toEqual([]);
    }
    const best = (list: Burst[]) => list.reduce((a, b) => (b.rate > a.rate ? b : a));
    const show = (b: Burst) => `${b.rate.toFixed(0)} req/s (app ${b.appCores.toFixed(2)} cores)`;
    console.log(`cpu-throttle 0.2: best without ${show(best(plain))}, best with ${show(best(throttled))}`);
    // The quota holds (a little slack for the sampling window), and the app's ceiling falls with it.
    for (const b of throttled) expect(b.appCores).toBeLessThan(0.26);
    expect(best(throttled).rate).toBeLessThan(best(plain).rate * 0.8);
  });

  it('memory-limit on postgres: a memory cgroup with the limit, removed on revert', async () => {
    const fault = await inject(
      deployment,
      FaultSpec.parse({ kind: 'memory-limit', at: '0', target: 'postgres', mb: 512 }),
    );
    const [group] = leftoverCgroups(runId);
    expect(group).toContain('/sys/fs/cgroup/memory/');
    expect(Number(readFileSync(`${group}/memory.limit_in_bytes`, 'utf8'))).toBe(512 * 1024 * 1024);
    // Backends forked after the move are born in the group.
    expect((await fetch(`${deployment.entryUrl}/items/3`)).status).toBe(200);
    const procs = readFileSync(`${group}/cgroup.procs`, 'utf8').trim().split('\n');
    expect(procs.length).toBeGreaterThan(3);
    await fault.revert();
    expect(leftoverCgroups(runId)).toEqual([]);
  });

  it('cpu-hog: busy processes tagged with the run id, gone on revert', async () => {
    const own = new Set(taggedPids(runId));
    const fault = await inject(
      deployment,
      FaultSpec.parse({ kind: 'cpu-hog', at: '0', target: 'app', workers: 2 }),
    );
    const hogs = taggedPids(runId).filter((pid) => !own.has(pid));
    expect(hogs).toHaveLength(2);
    expect(hogs.map((pid) => readEnvVar(pid, 'HARNESS_INSTANCE')).sort()).toEqual([
      'app-0-cpu-hog-0',
      'app-0-cpu-hog-1',
    ]);
    await fault.revert();
    expect(taggedPids(runId).filter((pid) => !own.has(pid))).toEqual([]);
  });

  it('stops with every resource fault still applied and leaves no process, cgroup or port', async () => {
    await inject(
      deployment,
      FaultSpec.parse({ kind: 'cpu-throttle', at: '0', target: 'postgres', cpus: 0.5 }),
    );
    await inject(deployment, FaultSpec.parse({ kind: 'memory-limit', at: '0', target: 'app', mb: 1024 }));
    await inject(deployment, FaultSpec.parse({ kind: 'cpu-hog', at: '0', target: 'postgres' }));
    expect(leftoverCgroups(runId)).toHaveLength(2);
    const ports = portsOf(deployment);
    await deployment.stop();
    await expectNothingLeft(runId, ports);
  });

  it('harness clean removes the empty cgroups a crashed run left behind', async () => {
    const crashed = newRunId('crashed');
    mkdirSync(`/sys/fs/cgroup/cpu/harness-${crashed}-app-0`);
    mkdirSync(`/sys/fs/cgroup/memory/harness-${crashed}-postgres-0`);
    expect(leftoverCgroups(crashed)).toHaveLength(2);
    expect(await removeRunGroups(crashed)).toHaveLength(2);
    expect(leftoverCgroups(crashed)).toEqual([]);
  });
});
