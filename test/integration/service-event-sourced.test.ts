/**
 * The event-sourced architecture on a real Postgres started by the local
 * runtime: appends get consecutive versions, reads rebuild by replay — from
 * the latest snapshot (one every N events) or, without snapshots, from the
 * first event — and the audit finds a log changed behind its back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, runtimes } from '../../harness/runtime/index.ts';
import { resolveTopology } from '../../targets/index.ts';
import { eventually } from '../helpers/eventually.ts';
import { metric, serviceClient } from '../helpers/service-client.ts';
import { sql } from '../helpers/sql.ts';

const deployments: Deployment[] = [];
let api: ReturnType<typeof serviceClient>;

async function start(snapshotEvery: number, label: string): Promise<Deployment> {
  const d = await runtimes.local().start(resolveTopology('event-sourced', { snapshotEvery, poolSize: 4 }), {
    runId: `it-svc-es-${label}-${process.pid}`,
  });
  deployments.push(d);
  return d;
}

beforeAll(async () => {
  api = serviceClient((await start(50, 'snap')).entryUrl);
  expect((await api.post('/admin/seed', { items: 100, valueSize: 16 })).status).toBe(200);
});

afterAll(async () => {
  await Promise.all(deployments.map((d) => d.stop()));
});

describe('service, event-sourced', () => {
  it('seeds one event per item and rebuilds it from the log', async () => {
    const item = await api.get('/items/5');
    expect(item.status).toBe(200);
    expect(item.body).toMatchObject({ id: 5, version: 1, replayed: 1, fromSnapshot: 0 });
    expect((item.body.value as string).length).toBe(16);
    expect((await api.get('/items/101')).status).toBe(404);
  });

  it('gives concurrent appends consecutive versions; reads replay only the events after the latest snapshot', async () => {
    const puts = await Promise.all(
      Array.from({ length: 120 }, (_, i) => api.put('/items/7', { value: `v${i}` })),
    );
    expect(puts.every((p) => p.status === 200)).toBe(true);
    const versions = puts.map((p) => p.body.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 120 }, (_, i) => i + 2));

    // Snapshots at versions 50 and 100 are written after the answers, off the write's path; read
    // once they are (a read that replays more than 50 events would take one of its own).
    const latest = async () =>
      (await sql(deployments[0]!, 'postgres', `SELECT version FROM es_snapshots WHERE stream_id = 7`)).rows[0]
        ?.version;
    expect(await eventually(async () => (await latest()) === 100)).toBe(true);
    expect(await metric(deployments[0]!.entryUrl, 'es_snapshots_written_total')).toBeGreaterThanOrEqual(1);
    const item = await api.get('/items/7');
    expect(item.body).toMatchObject({ version: 121, fromSnapshot: 100, replayed: 21 });
    expect(await metric(deployments[0]!.entryUrl, 'es_events_appended_total{stream="item"}')).toBe(120);

    const writes = puts.map((p) => ({ id: 'items/7', version: p.body.version as number }));
    const order = await api.post('/orders', { itemId: 7, qty: 3 });
    expect(order.status).toBe(201);
    writes.push({ id: `orders/${order.body.id}`, version: 1 });
    expect((await api.get(`/orders/${order.body.id}`)).body).toMatchObject({ itemId: 7, qty: 3 });
    expect((await api.post('/orders', { itemId: 999, qty: 1 })).status).toBe(404);
    expect((await api.post('/admin/verify', { writes })).body).toEqual({ checked: 2, lost: [], stale: [] });

    const audit = await api.post('/admin/event-log/audit', {});
    expect(audit.body.checks).toEqual([
      // 100 item streams and one order stream; the one snapshot left per stream: item 7's at 100.
      { name: 'event log', checked: 101, failed: 0, examples: [] },
      { name: 'snapshots', checked: 1, failed: 0, examples: [] },
    ]);
  });

  it('without snapshots, every read replays the whole stream', async () => {
    const plain = serviceClient((await start(0, 'nosnap')).entryUrl);
    expect((await plain.post('/admin/seed', { items: 10, valueSize: 8 })).status).toBe(200);
    for (let i = 0; i < 60; i++) await plain.put('/items/3', { value: `w${i}` });
    expect((await plain.get('/items/3')).body).toMatchObject({ version: 61, replayed: 61, fromSnapshot: 0 });
    expect(await metric(deployments[1]!.entryUrl, 'es_snapshots_written_total')).toBe(0);
    expect(await metric(deployments[1]!.entryUrl, 'es_replay_events_count{source="log"}')).toBe(1);
  });

  it('the audit reports a log changed behind its back: a lost event, a snapshot that no longer replays', async () => {
    const d = deployments[0]!;
    await sql(
      d,
      'postgres',
      `DELETE FROM es_events WHERE stream_type = 'item' AND stream_id = 7 AND version = 60`,
    );
    await sql(d, 'postgres', `UPDATE es_events SET version = 3 WHERE stream_type = 'item' AND stream_id = 9`);
    const audit = await api.post('/admin/event-log/audit', {});
    const [log, snapshots] = audit.body.checks as { failed: number; examples: string[] }[];
    expect(log?.failed).toBe(2);
    expect(log?.examples).toEqual([
      'items/7: versions 1..121 with 120 present (gap)',
      'items/9: head 1, last event 3, versions 3..3 with 1 present (gap)',
    ]);
    expect(snapshots?.failed).toBe(1);
    expect(snapshots?.examples[0]).toMatch(
      /^items\/7 snapshot v100: replay fails: expected version 60, found 61/,
    );
  });
});
