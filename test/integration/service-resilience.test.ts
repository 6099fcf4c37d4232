/**
 * The service's resilience knobs against real Postgres and Redis started by the
 * local runtime: a Redis breaker that sends reads to Postgres while Redis is
 * dead (and closes again after it is back), compared with resilience off; a
 * bulkhead that answers 503 at once while Postgres is paused.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, runtimes } from '../../harness/runtime/index.ts';
import { resolveTopology } from '../../targets/index.ts';

interface Trickle {
  ok: number;
  errors: number;
  maxMs: number;
}

/** `loops` concurrent GET loops over items 1–100 for `ms`; `during` runs alongside. */
async function trickle(base: string, ms: number, during: () => Promise<void>, loops = 20): Promise<Trickle> {
  const result: Trickle = { ok: 0, errors: 0, maxMs: 0 };
  const end = Date.now() + ms;
  const loop = async (n: number) => {
    for (let i = n; Date.now() < end; i += loops) {
      const start = performance.now();
      const status = await fetch(`${base}/items/${(i % 100) + 1}`)
        .then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        })
        .catch(() => 0);
      result.maxMs = Math.max(result.maxMs, performance.now() - start);
      if (status === 200) result.ok++;
      else result.errors++;
    }
  };
  await Promise.all([...Array.from({ length: loops }, (_, n) => loop(n)), during()]);
  return result;
}

/** The value of `name{dependency="…"}` in /metrics. */
async function gauge(base: string, name: string, dependency: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const prefix = `${name}{dependency="${dependency}"} `;
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? Number.NaN : Number(line.slice(prefix.length));
}

async function seed(base: string): Promise<void> {
  const res = await fetch(`${base}/admin/seed`, {
    method: 'POST',
    body: JSON.stringify({ items: 100, valueSize: 16 }),
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status).toBe(200);
}

describe.each(['on', 'off'] as const)(
  'service, cached, resilience %s: Redis dies under reads',
  (resilience) => {
    let dep: Deployment;

    beforeAll(async () => {
      dep = await runtimes
        .local()
        .start(resolveTopology('cached', { poolSize: 10, resilience, breakerCooldownMs: 1_000 }), {
          runId: `it-svc-resilience-${resilience}-${process.pid}`,
        });
      await seed(dep.entryUrl);
    });

    afterAll(async () => {
      await dep?.stop();
    });

    it('keeps answering reads from Postgres while Redis is dead', async () => {
      const base = dep.entryUrl;
      const redis = dep.component('redis')[0]!;
      let stateWhileDead = Number.NaN;
      const run = await trickle(base, 3_000, async () => {
        await sleep(500);
        await redis.kill('SIGKILL');
        await sleep(1_500);
        stateWhileDead = await gauge(base, 'circuit_state', 'redis');
      });
      console.log(
        `[resilience ${resilience}] redis killed under 20 read loops for 3 s: ${run.ok} ok, ${run.errors} errors, slowest ${run.maxMs.toFixed(0)} ms`,
      );
      expect(run.ok).toBeGreaterThan(100);
      expect(run.errors).toBeLessThanOrEqual(3);
      if (resilience === 'on') {
        expect(stateWhileDead).toBe(2);
      } else {
        expect(stateWhileDead).toBe(0); // no breaker
      }

      await redis.restart();
      if (resilience === 'off') return;
      // Reads keep coming; after the cool-down a trial call finds Redis back and closes the breaker.
      const deadline = Date.now() + 15_000;
      let state = Number.NaN;
      while (Date.now() < deadline) {
        await fetch(`${base}/items/7`).then((r) => r.arrayBuffer());
        state = await gauge(base, 'circuit_state', 'redis');
        if (state === 0) break;
        await sleep(100);
      }
      expect(state).toBe(0);
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain('circuit_transitions_total{dependency="redis",to="open"}');
      expect(text).toContain('circuit_transitions_total{dependency="redis",to="closed"} 1');
    });
  },
);

describe('service, monolith, bulkhead 1: Postgres paused', () => {
  let dep: Deployment;

  beforeAll(async () => {
    dep = await runtimes
      .local()
      .start(resolveTopology('monolith', { poolSize: 4, bulkhead: 1, timeoutMs: 2_000 }), {
        runId: `it-svc-bulkhead-${process.pid}`,
      });
    await seed(dep.entryUrl);
  });

  afterAll(async () => {
    await dep?.stop();
  });

  it('answers excess requests 503 at once instead of letting them hang, and recovers on resume', async () => {
    const base = dep.entryUrl;
    const postgres = dep.component('postgres')[0]!;
    await postgres.pause();
    try {
      const calls = Array.from({ length: 10 }, async (_, i) => {
        const start = performance.now();
        const res = await fetch(`${base}/items/${i + 1}`);
        await res.arrayBuffer();
        return { status: res.status, ms: performance.now() - start };
      });
      const results = await Promise.all(calls);
      const fast503 = results.filter((r) => r.status === 503 && r.ms < 500);
      // One call in flight and one queued wait out the 2 s deadline; the other eight are refused at once.
      expect(fast503.length).toBeGreaterThanOrEqual(8);
      expect(results.every((r) => r.status === 503)).toBe(true);
      expect(await gauge(base, 'bulkhead_rejected_total', 'primary')).toBeGreaterThanOrEqual(8);
      expect(await gauge(base, 'dependency_timeouts_total', 'primary')).toBeGreaterThanOrEqual(1);
    } finally {
      await postgres.resume();
    }
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline) {
      const res = await fetch(`${base}/items/3`);
      await res.arrayBuffer();
      status = res.status;
      if (status === 200) break;
      await sleep(200);
    }
    expect(status).toBe(200);
    expect(await gauge(base, 'bulkhead_in_flight', 'primary')).toBe(0);
  });
});
