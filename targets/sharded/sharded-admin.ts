/**
 * Seeding and verification over shards: each shard gets exactly the items
 * 1..n its router assigns to it (computed here, in windows, so memory stays
 * flat for large datasets), and each verified id is read from its own shard.
 */
import type { AdminTarget } from '../service/admin-target.ts';
import { seedDb, storedVersions } from '../service/admin-target.ts';
import type { Db } from '../service/db.ts';
import type { Entity } from '../service/verify.ts';
import { shardOfOrder } from './order-id.ts';
import type { ShardRouter } from './shard-router.ts';

const seedWindow = 100_000;

/** Item ids 1..n split by shard, one window at a time: yields, per window, the ids of each shard. */
export function* idWindows(items: number, router: ShardRouter, window = seedWindow): Generator<number[][]> {
  for (let from = 1; from <= items; from += window) {
    const byShard = Array.from({ length: router.shards }, () => [] as number[]);
    const to = Math.min(items, from + window - 1);
    for (let id = from; id <= to; id++) byShard[router.shardOf(id)]!.push(id);
    yield byShard;
  }
}

export function shardedAdmin(shards: readonly Db[], router: ShardRouter): AdminTarget {
  return {
    async seed(items, valueSize) {
      // One producer, K consumers: each shard's transaction takes its slice of every window.
      const queues = shards.map(() => [] as number[][]);
      const waiters: (() => void)[] = [];
      let done = false;
      const wake = () => {
        for (const w of waiters.splice(0)) w();
      };
      async function* slices(shard: number): AsyncGenerator<number[]> {
        for (;;) {
          const next = queues[shard]!.shift();
          if (next !== undefined) yield next;
          else if (done) return;
          else await new Promise<void>((resolve) => waiters.push(resolve));
        }
      }
      let failed = false;
      const seeding = Promise.all(shards.map((db, s) => seedDb(db, items, valueSize, slices(s))));
      seeding.catch(() => {
        failed = true;
      });
      try {
        for (const window of idWindows(items, router)) {
          if (failed) break;
          for (const [s, ids] of window.entries()) queues[s]!.push(ids);
          wake();
          // Keep at most a few windows buffered per shard.
          while (!failed && queues.some((q) => q.length > 2)) await new Promise((r) => setTimeout(r, 5));
        }
      } finally {
        done = true;
        wake();
      }
      await seeding;
    },

    async stored(entity: Entity, ids: number[]) {
      const byShard = shards.map(() => [] as number[]);
      for (const id of ids) {
        const shard = entity === 'items' ? router.shardOf(id) : shardOfOrder(id, shards.length);
        if (shard !== undefined) byShard[shard]!.push(id);
      }
      const maps = await Promise.all(byShard.map((batch, s) => storedVersions(shards[s]!, entity, batch)));
      return new Map(maps.flatMap((m) => [...m]));
    },
  };
}
