/**
 * The integrity check tells the truth when writes are really lost: a
 * write-behind cache acknowledges writes once they are in Redis; kill Redis
 * before the flusher moved them to Postgres, and exactly those writes are
 * gone — stale where an older row exists, lost where none does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, runtimes } from '../../harness/runtime/index.ts';
import { resolveTopology } from '../../targets/index.ts';
import { serviceClient } from '../helpers/service-client.ts';

let deployment: Deployment;
let api: ReturnType<typeof serviceClient>;

beforeAll(async () => {
  const topology = resolveTopology('cached', { cacheMode: 'write-behind', poolSize: 4 });
  // A flusher that never gets to run during the test: every acknowledged write stays in Redis only.
  for (const c of topology.components)
    if (c.name === 'app') c.env = { ...c.env, WRITE_BEHIND_FLUSH_MS: '60000' };
  deployment = await runtimes.local().start(topology, { runId: `it-write-behind-loss-${process.pid}` });
  api = serviceClient(deployment.entryUrl);
  expect((await api.post('/admin/seed', { items: 100, valueSize: 16 })).status).toBe(200);
});

afterAll(async () => {
  await deployment?.stop();
});

describe('write-behind cache killed before it flushed', () => {
  it('reports exactly the acknowledged writes that never reached Postgres', async () => {
    const acked: { id: string; version: number }[] = [];
    // 30 updates of seeded items and 10 new items, all acknowledged by the cache.
    for (const id of [
      ...Array.from({ length: 30 }, (_, i) => i + 1),
      ...Array.from({ length: 10 }, (_, i) => 201 + i),
    ]) {
      const res = await api.put(`/items/${id}`, { value: `after-${id}` });
      expect(res.status).toBe(200);
      acked.push({ id: `items/${res.body.id}`, version: Number(res.body.version) });
    }
    await deployment.component('redis')[0]!.kill('SIGKILL');

    const verify = await api.post('/admin/verify', { writes: acked });
    expect(verify.status).toBe(200);
    expect(verify.body.checked).toBe(40);
    expect((verify.body.stale as string[]).length).toBe(30); // older seeded version still there
    expect((verify.body.lost as string[]).length).toBe(10); // never written to Postgres at all
  });
});
