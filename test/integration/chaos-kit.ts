/**
 * Shared by the chaos-* integration tests: a monolith with a short database
 * timeout, simple latency sampling, and the "left nothing behind" checks —
 * processes, ports, temp dirs and cgroups.
 */
import { readdirSync } from 'node:fs';
import { expect } from 'vitest';
import { startFaultProxy } from '../../chaos/index.ts';
import { type Deployment, runtimes, type StartOptions } from '../../harness/runtime/index.ts';
import { resolveTopology } from '../../targets/index.ts';
import { leftoverPaths, openPorts, settle, taggedPids } from '../fixtures/leftovers.ts';

export function newRunId(label: string): string {
  return `chaos-${label}-${process.pid}-${Date.now().toString(36)}`;
}

/** The monolith (service → postgres), its queries timing out after `dbTimeoutMs`. */
export async function startMonolith(
  runId: string,
  opts: Partial<StartOptions> & { dbTimeoutMs?: number; poolSize?: number } = {},
): Promise<Deployment> {
  const topology = resolveTopology('monolith', { poolSize: opts.poolSize ?? 4 });
  const app = topology.components.find((c) => c.name === 'app')!;
  app.env = { ...app.env, DB_TIMEOUT_MS: String(opts.dbTimeoutMs ?? 1000) };
  const { dbTimeoutMs: _t, poolSize: _p, ...start } = opts;
  return runtimes.local().start(topology, { runId, proxyFactory: startFaultProxy, ...start });
}

export async function seed(base: string, items: number): Promise<void> {
  const res = await fetch(`${base}/admin/seed`, {
    method: 'POST',
    body: JSON.stringify({ items, valueSize: 32 }),
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status).toBe(200);
  await res.text();
}

/** Median of `n` sequential GETs, ms (after `warm` unmeasured ones). */
export async function medianMs(url: string, n = 30, warm = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n + warm; i++) {
    const t = performance.now();
    const res = await fetch(url);
    await res.text();
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
    if (i >= warm) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** `harness-<runId>-*` cgroups under the cpu and memory hierarchies (v1), at any depth ≤ 3. */
export function leftoverCgroups(runId: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let names: string[] = [];
    try {
      names = readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith(`harness-${runId}-`)) found.push(`${dir}/${name}`);
      else if (depth > 0) walk(`${dir}/${name}`, depth - 1);
    }
  };
  for (const root of ['/sys/fs/cgroup/cpu', '/sys/fs/cgroup/memory', '/sys/fs/cgroup/unified']) walk(root, 3);
  return found;
}

/** Every port the deployment listened on: its instances and its edge proxies. */
export function portsOf(deployment: Deployment): number[] {
  return [
    ...deployment.instances.map((i) => i.port),
    ...(deployment.edges ?? []).flatMap((e) => e.proxies.map((p) => p.port)),
  ];
}

export async function expectNothingLeft(runId: string, ports: number[]): Promise<void> {
  expect(await settle(() => taggedPids(runId))).toEqual([]);
  expect(await settle(() => openPorts(ports))).toEqual([]);
  expect(leftoverPaths(runId)).toEqual([]);
  expect(leftoverCgroups(runId)).toEqual([]);
}
