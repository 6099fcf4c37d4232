/**
 * Postgres streaming replicas in the local runtime: a primary and two hot
 * standbys, each a base backup streaming from it. Checked from the outside:
 * rows written on the primary show up on every standby, standbys are in
 * recovery, the lag is queryable, and a restarted standby catches up.
 */
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAllSync, LocalRuntime, processTree } from '../../harness/runtime/index.ts';
import type { Deployment, Topology } from '../../model/index.ts';
import { alivePids, leftoverPaths, openPorts, settle, taggedPids } from '../fixtures/leftovers.ts';

const runtime = new LocalRuntime();
let deployment: Deployment | undefined;

afterEach(async () => {
  await deployment?.stop();
  deployment = undefined;
});

afterAll(() => {
  killAllSync();
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Polls `read` until it returns true or `ms` pass; resolves to the time it took, or fails
 * with the last error. A read that throws counts as "not yet": until a standby has replayed
 * the CREATE TABLE, querying the table fails with `relation "kept" does not exist`.
 */
async function within(ms: number, read: () => Promise<boolean>): Promise<number> {
  const began = Date.now();
  let last: unknown;
  for (;;) {
    try {
      if (await read()) return Date.now() - began;
    } catch (error) {
      last = error;
    }
    if (Date.now() - began > ms) {
      throw new Error(`not within ${ms} ms${last ? `; last error: ${(last as Error).message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

const hasRow = (url: string, v: number) => async () =>
  (await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM kept WHERE v = ${v}`))[0]?.n === 1;

describe('LocalRuntime: postgres replicas', () => {
  it('starts a primary and 2 streaming hot standbys that follow its writes', async () => {
    const runId = `rpl-${process.pid}-${Date.now().toString(36)}`;
    const topology: Topology = {
      name: 'replicated-db',
      description: 'primary + 2 hot standbys',
      entry: 'postgres',
      components: [
        { name: 'postgres', kind: 'postgres', settings: { fsync: false } },
        { name: 'replica', kind: 'postgres', replicas: 2, uses: ['postgres'], replicaOf: 'postgres' },
      ],
    };
    const began = Date.now();
    const lines: string[] = [];
    deployment = await runtime.start(topology, { runId, log: (l) => lines.push(l) });
    const startMs = Date.now() - began;
    console.log(lines.join('\n'));
    expect(startMs).toBeLessThan(10_000);

    const [primary] = deployment.component('postgres');
    const replicas = deployment.component('replica');
    expect(replicas.map((r) => r.id)).toEqual(['replica-0', 'replica-1']);
    for (const r of replicas) expect(r.url).toMatch(/^postgres:\/\/harness@127\.0\.0\.1:\d+\/harness$/);

    await query(primary!.url, 'CREATE TABLE kept (v int); INSERT INTO kept VALUES (1)');
    for (const r of replicas) {
      await within(2000, hasRow(r.url, 1));
      expect(await query(r.url, 'SELECT pg_is_in_recovery() AS recovery')).toEqual([{ recovery: true }]);
      // Read-only: a write is refused.
      await expect(query(r.url, 'INSERT INTO kept VALUES (9)')).rejects.toThrow(/read-only/);
    }

    // Lag, from both ends: the primary's view per standby, and the standby's replay position.
    const senders = await query<{ slot: string; state: string; lag_bytes: string }>(
      primary!.url,
      `SELECT s.slot_name AS slot, r.state, pg_wal_lsn_diff(pg_current_wal_lsn(), r.replay_lsn)::text AS lag_bytes
         FROM pg_stat_replication r JOIN pg_replication_slots s ON s.active_pid = r.pid ORDER BY 1`,
    );
    expect(senders.map((s) => [s.slot, s.state])).toEqual([
      ['harness_replica_0', 'streaming'],
      ['harness_replica_1', 'streaming'],
    ]);
    for (const s of senders) expect(Number(s.lag_bytes)).toBeGreaterThanOrEqual(0);
    const [receiver] = await query<{ status: string; lag_ms: number | null }>(
      replicas[0]!.url,
      `SELECT w.status, extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000 AS lag_ms
         FROM pg_stat_wal_receiver w`,
    );
    expect(receiver?.status).toBe('streaming');
    expect(receiver?.lag_ms).not.toBeNull();

    // A restarted standby keeps its data dir and catches up on what it missed (its slot kept the WAL).
    const standby = replicas[1]!;
    await standby.kill();
    await query(primary!.url, 'INSERT INTO kept VALUES (2)');
    await standby.restart();
    await within(2000, hasRow(standby.url, 2));
    expect(await query(standby.url, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 2 }]);

    const sample = await standby.sample();
    expect(sample.rssBytes).toBeGreaterThan(1_000_000);

    const pids = deployment.instances.flatMap((i) => processTree(i.pid!).map((p) => p.pid));
    const ports = deployment.instances.map((i) => i.port);
    await deployment.stop();
    expect(await settle(() => taggedPids(runId))).toEqual([]);
    expect(await settle(() => alivePids(pids))).toEqual([]);
    expect(await settle(() => openPorts(ports))).toEqual([]);
    expect(leftoverPaths(runId)).toEqual([]);
  });
});
