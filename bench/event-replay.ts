/**
 * Event sourcing's volume test: how long reading one aggregate takes as its
 * stream grows, rebuilt by replay from the first event (no snapshots) and
 * from its latest snapshot (one every 100 events). Both event-sourced
 * deployments run on real Postgres through the local runtime; events are
 * appended through the API (PUT /items/1), and each size is read 40 times in a
 * row (GET /items/1: load + fold + HTTP, median and p90), beside the number of
 * events the service says it replayed. Nothing passes or fails: read the growth.
 *
 *   node bin/run-ts.js bench/event-replay.ts [--sizes 150,1050,5050,20050] [--every 100]
 */
import { parseArgs } from 'node:util';
import { runtimes } from '../harness/runtime/index.ts';
import type { Deployment } from '../model/index.ts';
import { resolveTopology } from '../targets/index.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '150,1050,5050,20050' },
    every: { type: 'string', default: '100' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const every = Number(values.every);
const reads = 40;

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(base + path, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Appends until item 1's stream has `target` events, 8 writers at once. */
async function grow(base: string, from: number, target: number): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < target) {
        next++;
        await call(base, 'PUT', '/items/1', { value: `v${next}` });
      }
    }),
  );
}

async function timeReads(base: string): Promise<{ p50: number; p90: number; replayed: number }> {
  await call(base, 'GET', '/items/1'); // a snapshot the last append asked for is written by now
  const ms: number[] = [];
  let replayed = 0;
  for (let i = 0; i < reads; i++) {
    const t = performance.now();
    const item = await call(base, 'GET', '/items/1');
    ms.push(performance.now() - t);
    replayed = item.replayed as number;
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(reads * 0.5)]!, p90: ms[Math.floor(reads * 0.9)]!, replayed };
}

const deployments: Deployment[] = [];
try {
  const plain = await runtimes.local().start(resolveTopology('event-sourced', { snapshotEvery: 0 }), {
    runId: `bench-es-plain-${process.pid}`,
  });
  deployments.push(plain);
  const snap = await runtimes.local().start(resolveTopology('event-sourced', { snapshotEvery: every }), {
    runId: `bench-es-snap-${process.pid}`,
  });
  deployments.push(snap);
  for (const d of deployments) await call(d.entryUrl, 'POST', '/admin/seed', { items: 10, valueSize: 100 });

  console.log(`GET /items/1 as its stream grows (${reads} reads each, ms; "replayed" = events folded)`);
  console.log('events   no snapshots: p50    p90  replayed   snapshot every %d: p50    p90  replayed', every);
  let have = 1;
  for (const size of sizes) {
    await Promise.all(deployments.map((d) => grow(d.entryUrl, have, size)));
    have = size;
    const a = await timeReads(plain.entryUrl);
    const b = await timeReads(snap.entryUrl);
    const f = (n: number) => n.toFixed(2).padStart(7);
    console.log(
      `${String(size).padStart(6)}  ${f(a.p50)}${f(a.p90)}${String(a.replayed).padStart(10)}        ${' '.repeat(String(every).length)}${f(b.p50)}${f(b.p90)}${String(b.replayed).padStart(10)}`,
    );
  }
} finally {
  await Promise.all(deployments.map((d) => d.stop()));
}
