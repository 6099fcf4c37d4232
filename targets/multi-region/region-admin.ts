/**
 * Seeding and read-back across partitions, from the entry region's service:
 * each partition's primary gets exactly the items homed in it (the same
 * logical data as every other architecture), the seed generation in
 * `region_heartbeat` is bumped (each region's lag sampler starts afresh when
 * its copy has it), and the seed returns once every primary's standbys have
 * replayed it (pg_stat_replication, ≤ 60 s). The read-back reads each id from
 * its partition's primary, the source of truth.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AdminTarget } from '../service/admin-target.ts';
import { adminTimeoutMs, seedDb, storedVersions } from '../service/admin-target.ts';
import type { Db } from '../service/db.ts';
import type { Entity } from '../service/verify.ts';
import { partitionOf, partitionOfOrder } from './layout.ts';
import { heartbeatSql } from './region-lag.ts';

const seedWindow = 50_000;
const replicaWaitMs = 60_000;

/** The ids of 1..items homed in partition `p`, in windows. */
export function* homedIds(
  items: number,
  p: number,
  partitions: number,
  homeBlock: number,
  window = seedWindow,
): Generator<number[]> {
  for (let from = 1; from <= items; from += window) {
    const ids: number[] = [];
    for (let id = from; id <= Math.min(items, from + window - 1); id++)
      if (partitionOf(id, partitions, homeBlock) === p) ids.push(id);
    yield ids;
  }
}

export function regionAdmin(opts: {
  homes: readonly string[];
  primaries: readonly Db[];
  homeBlock: number;
  /** Standbys each primary has: one per other region. */
  standbys: number;
  log: (line: string) => void;
}): AdminTarget {
  const { homes, primaries, homeBlock } = opts;
  return {
    async seed(items, valueSize) {
      await Promise.all(
        primaries.map(async (db, p) => {
          await seedDb(
            db,
            items,
            valueSize,
            homes.length === 1 ? undefined : homedIds(items, p, homes.length, homeBlock),
          );
          await db.query('seed-heartbeat', heartbeatSql.create, [], { direct: true });
          await db.query('seed-generation', heartbeatSql.nextSeed, [homes[p]], { direct: true });
        }),
      );
      const behind = await Promise.all(primaries.map((db) => standbysCaughtUp(db, opts.standbys)));
      if (behind.includes(false))
        opts.log(`[service] some replicas still behind ${replicaWaitMs} ms after the seed`);
    },

    async stored(entity: Entity, ids: number[]) {
      const byPartition = primaries.map(() => [] as number[]);
      for (const id of ids) {
        const p =
          entity === 'items' ? partitionOf(id, homes.length, homeBlock) : partitionOfOrder(id, homes.length);
        if (p !== undefined) byPartition[p]!.push(id);
      }
      const maps = await Promise.all(
        byPartition.map((batch, p) => storedVersions(primaries[p]!, entity, batch)),
      );
      return new Map(maps.flatMap((m) => [...m]));
    },
  };
}

/** Whether `standbys` standbys of this primary replayed its current WAL position within the wait. */
async function standbysCaughtUp(db: Db, standbys: number): Promise<boolean> {
  if (standbys === 0) return true;
  const { rows } = await db.query<{ lsn: string }>(
    'seed-lsn',
    'SELECT pg_current_wal_lsn()::text AS lsn',
    [],
    {
      direct: true,
    },
  );
  const lsn = rows[0]!.lsn;
  const deadline = Date.now() + replicaWaitMs;
  for (;;) {
    const { rows: r } = await db.query<{ n: number }>(
      'seed-replayed',
      'SELECT count(*)::int AS n FROM pg_stat_replication WHERE replay_lsn >= $1::pg_lsn',
      [lsn],
      { direct: true, timeoutMs: adminTimeoutMs },
    );
    if ((r[0]?.n ?? 0) >= standbys) return true;
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
}
