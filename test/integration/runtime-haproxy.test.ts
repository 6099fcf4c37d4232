/**
 * HAProxy in the local runtime, in front of fixture HTTP backends: requests
 * go round-robin, a killed backend is routed around within two check
 * intervals, and the other balance algorithms start with valid configs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAllSync, LocalRuntime, processTree } from '../../harness/runtime/index.ts';
import type { ComponentSpec, Deployment, Topology } from '../../model/index.ts';
import { alivePids, leftoverPaths, openPorts, settle, taggedPids } from '../fixtures/leftovers.ts';

const healthServer = fileURLToPath(new URL('../fixtures/health-server.mjs', import.meta.url));
const runtime = new LocalRuntime();
const checkIntervalMs = 500;
let deployment: Deployment | undefined;

afterEach(async () => {
  await deployment?.stop();
  deployment = undefined;
});

afterAll(() => {
  killAllSync();
});

const app = (replicas: number): ComponentSpec => ({
  name: 'app',
  kind: 'command',
  replicas,
  command: `exec node ${healthServer}`,
  health: '/health',
});

const lb = (name: string, balance: string): ComponentSpec => ({
  name,
  kind: 'haproxy',
  uses: ['app'],
  settings: { balance, checkIntervalMs, fall: 2, rise: 1 },
});

/** The body names the backend instance that answered (`hello from app-1`). */
async function get(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${res.status} ${body.slice(0, 80)}`);
  return body;
}

/** A server's status (`UP`, `DOWN`, …) from the balancer's CSV stats page. */
async function serverStatus(lbUrl: string, server: string): Promise<string | undefined> {
  const csv = (await (await fetch(`${lbUrl}/haproxy-stats;csv`)).text()).split('\n');
  const header = csv[0]!.replace(/^# /, '').split(',');
  const row = csv.find((line) => line.startsWith(`servers,${server},`))?.split(',');
  return row?.[header.indexOf('status')];
}

async function expectNothingLeft(d: Deployment, runId: string): Promise<void> {
  const pids = d.instances.flatMap((i) => (i.pid === undefined ? [] : processTree(i.pid).map((p) => p.pid)));
  const ports = d.instances.map((i) => i.port);
  await d.stop();
  expect(await settle(() => taggedPids(runId))).toEqual([]);
  expect(await settle(() => alivePids(pids))).toEqual([]);
  expect(await settle(() => openPorts(ports))).toEqual([]);
  expect(leftoverPaths(runId)).toEqual([]);
}

describe('LocalRuntime: haproxy', () => {
  it('balances round-robin over every backend and routes around a killed one', async () => {
    const runId = `rhp-rr-${process.pid}-${Date.now().toString(36)}`;
    const topology: Topology = {
      name: 'balanced',
      description: 'haproxy → 2 http backends',
      entry: 'lb',
      components: [lb('lb', 'roundrobin'), app(2)],
    };
    const began = Date.now();
    const lines: string[] = [];
    deployment = await runtime.start(topology, { runId, log: (l) => lines.push(l) });
    console.log(`${lines.join('\n')}\nlb + 2 apps ready in ${Date.now() - began} ms`);
    expect(deployment.entryUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const answers: string[] = [];
    for (let i = 0; i < 10; i++) answers.push(await get(`${deployment.entryUrl}/hello`));
    // Strict alternation: each answer differs from the one before.
    expect(new Set(answers)).toEqual(new Set(['hello from app-0', 'hello from app-1']));
    for (let i = 1; i < answers.length; i++) expect(answers[i]).not.toBe(answers[i - 1]);

    const [victim, survivor] = deployment.component('app');
    await victim!.kill();
    const killedAt = Date.now();
    const failures: { at: number; error: string }[] = [];
    const served: string[] = [];
    while (Date.now() - killedAt < 4 * checkIntervalMs) {
      const at = Date.now() - killedAt;
      try {
        served.push(await get(`${deployment.entryUrl}/hello`));
      } catch (error) {
        failures.push({ at, error: String(error) });
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    console.log(
      `after the kill: ${served.length} served, failures at ${failures.map((f) => `${f.at} ms`).join(', ') || 'none'}`,
    );
    // Whatever failed did so within two check intervals of the kill; after that, nothing.
    expect(failures.filter((f) => f.at > 2 * checkIntervalMs)).toEqual([]);
    expect(served.length).toBeGreaterThan(20);
    expect(served.slice(-10).every((body) => body === `hello from ${survivor!.id}`)).toBe(true);
    // Not only retried around: the health checks took it out.
    expect(await serverStatus(deployment.entryUrl, victim!.id)).toBe('DOWN');

    // The backend comes back (same port) and takes its share again.
    await victim!.restart();
    await new Promise((r) => setTimeout(r, 2 * checkIntervalMs));
    const after = new Set<string>();
    for (let i = 0; i < 6; i++) after.add(await get(`${deployment.entryUrl}/hello`));
    expect(after).toEqual(new Set(['hello from app-0', 'hello from app-1']));

    await expectNothingLeft(deployment, runId);
  });

  it('leastconn and source configs are valid, start and serve', async () => {
    const runId = `rhp-alg-${process.pid}-${Date.now().toString(36)}`;
    deployment = await runtime.start(
      {
        name: 'algorithms',
        description: 'two balancers over one backend pair',
        entry: 'least',
        components: [app(2), lb('least', 'leastconn'), lb('sticky', 'source')],
      },
      { runId },
    );
    for (const [name, algo] of [
      ['least', 'leastconn'],
      ['sticky', 'source'],
    ] as const) {
      const [instance] = deployment.component(name);
      expect(await get(`${instance!.url}/hello`)).toMatch(/^hello from app-[01]$/);
      // The config it runs (its path read from the command line) checks valid and says the algorithm.
      const argv = readFileSync(`/proc/${instance!.pid}/cmdline`, 'utf8').split('\0');
      const config = argv[argv.indexOf('-f') + 1]!;
      expect(readFileSync(config, 'utf8')).toMatch(new RegExp(`^\\s*balance ${algo}$`, 'm'));
      expect(execFileSync(argv[0]!, ['-c', '-f', config], { encoding: 'utf8' })).toMatch(/valid/);
    }
    // source: one client address, always the same backend.
    const sticky = deployment.component('sticky')[0]!.url;
    const answers = new Set<string>();
    for (let i = 0; i < 6; i++) answers.add(await get(`${sticky}/hello`));
    expect(answers.size).toBe(1);

    await expectNothingLeft(deployment, runId);
  });
});
