/**
 * Edge proxies in the local runtime: HAProxy's backends and the apps'
 * DATABASE_URL point at fault proxies, faults on one backend's edge are
 * routed around, and the proxies go with the deployment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject, selectProxies, startFaultProxy } from '../../chaos/index.ts';
import { killAllSync, runtimes } from '../../harness/runtime/index.ts';
import type { Deployment, Topology } from '../../model/index.ts';
import { FaultSpec } from '../../model/index.ts';
import { expectNothingLeft, newRunId, portsOf } from './chaos-kit.ts';

const runId = newRunId('edges');
let deployment: Deployment;

const topology: Topology = {
  name: 'balanced',
  description: 'haproxy → 2 × service → postgres',
  entry: 'lb',
  components: [
    { name: 'postgres', kind: 'postgres', settings: { fsync: false } },
    {
      name: 'app',
      kind: 'service',
      replicas: 2,
      uses: ['postgres'],
      env: {
        PORT: '{{self.port}}',
        DATABASE_URL: '{{postgres.url}}',
        DB_POOL_SIZE: '2',
        DB_TIMEOUT_MS: '1000',
      },
      health: '/health',
    },
    { name: 'lb', kind: 'haproxy', uses: ['app'], settings: { checkIntervalMs: 200, fall: 2, rise: 1 } },
  ],
};

beforeAll(async () => {
  deployment = await runtimes
    .local()
    .start(topology, { runId, edgeProxies: ['*'], proxyFactory: startFaultProxy });
});

afterAll(async () => {
  await deployment?.stop();
  killAllSync();
});

const get = async (path: string) => {
  const res = await fetch(`${deployment.entryUrl}${path}`);
  await res.text();
  return res.status;
};

describe('edge proxies', () => {
  it('puts one proxy per instance of `to` on every edge, and the traffic goes through them', async () => {
    expect(deployment.edges?.map((e) => `${e.from}->${e.to}:${e.proxies.length}`).sort()).toEqual([
      'app->postgres:1',
      'lb->app:2',
    ]);
    const lbApp = deployment.edges!.find((e) => e.from === 'lb')!;
    expect(lbApp.proxies.map((p) => p.upstream.port)).toEqual(deployment.component('app').map((i) => i.port));
    for (let i = 0; i < 6; i++) expect(await get('/health')).toBe(200);
    for (const proxy of selectProxies(deployment, 'lb->app'))
      expect(proxy.stats().connections.accepted).toBeGreaterThan(0);
  });

  it('down on lb->app instance 0: HAProxy routes around it; back after the revert', async () => {
    const fault = await inject(
      deployment,
      FaultSpec.parse({ kind: 'down', at: '0', edge: 'lb->app', instance: 0 }),
    );
    await new Promise((r) => setTimeout(r, 600)); // two failed checks
    const statuses = await Promise.all(Array.from({ length: 10 }, () => get('/health')));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const proxy0 = selectProxies(deployment, 'lb->app', 0)[0]!;
    const accepted = proxy0.stats().connections.accepted;
    await fault.revert();
    await new Promise((r) => setTimeout(r, 600));
    for (let i = 0; i < 6; i++) expect(await get('/health')).toBe(200);
    expect(proxy0.stats().connections.accepted).toBeGreaterThan(accepted);
  });

  it('stops proxies with the deployment, also with a partition still applied', async () => {
    await inject(deployment, FaultSpec.parse({ kind: 'partition', at: '0', target: 'postgres' }));
    await inject(deployment, FaultSpec.parse({ kind: 'latency', at: '0', edge: 'lb->app', latency: '10ms' }));
    const ports = portsOf(deployment);
    await deployment.stop();
    await expectNothingLeft(runId, ports);
  });
});
