/**
 * Which shard owns a key. Two strategies, both pure:
 * - `mod`: hash(key) mod K. Even, but changing K remaps almost every key
 *   (K/(K+1) of them when adding one shard).
 * - `consistent`: a hash ring with `vnodes` virtual nodes per shard; a key
 *   belongs to the first ring point at or after its hash. Adding a shard moves
 *   only the keys the new shard's points take over, ~1/(K+1).
 * `movedFraction` measures the difference on a sample of keys.
 */
import type { ShardingMode } from './architecture.ts';
import { hash32 } from './hash.ts';

export interface ShardRouter {
  readonly shards: number;
  readonly mode: ShardingMode;
  /** The shard index, 0 ≤ i < shards, that owns `key`. */
  shardOf(key: number): number;
}

export function modRouter(shards: number): ShardRouter {
  assertShards(shards);
  return { shards, mode: 'mod', shardOf: (key) => hash32(key) % shards };
}

export function consistentRouter(shards: number, vnodes = 128): ShardRouter {
  assertShards(shards);
  if (!Number.isInteger(vnodes) || vnodes < 1) throw new RangeError(`vnodes must be ≥ 1, got ${vnodes}`);
  const points: { at: number; shard: number }[] = [];
  for (let shard = 0; shard < shards; shard++) {
    for (let v = 0; v < vnodes; v++) points.push({ at: hash32(`shard-${shard}#${v}`), shard });
  }
  // Ties (vanishingly rare) break by shard index, so every process builds the same ring.
  points.sort((a, b) => a.at - b.at || a.shard - b.shard);
  const at = Uint32Array.from(points, (p) => p.at);
  const owner = Uint16Array.from(points, (p) => p.shard);
  return {
    shards,
    mode: 'consistent',
    shardOf(key) {
      const h = hash32(key);
      // First point with at >= h; past the end wraps to the first point.
      let lo = 0;
      let hi = at.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (at[mid]! < h) lo = mid + 1;
        else hi = mid;
      }
      return owner[lo === at.length ? 0 : lo]!;
    },
  };
}

export function createShardRouter(mode: ShardingMode, shards: number, vnodes = 128): ShardRouter {
  return mode === 'mod' ? modRouter(shards) : consistentRouter(shards, vnodes);
}

/** Share of `keys` whose owner differs between two routers (0 … 1). */
export function movedFraction(keys: Iterable<number>, before: ShardRouter, after: ShardRouter): number {
  let total = 0;
  let moved = 0;
  for (const key of keys) {
    total++;
    if (before.shardOf(key) !== after.shardOf(key)) moved++;
  }
  return total === 0 ? 0 : moved / total;
}

/** Keys per shard, for balance checks. */
export function distribution(keys: Iterable<number>, router: ShardRouter): number[] {
  const counts = new Array<number>(router.shards).fill(0);
  for (const key of keys) counts[router.shardOf(key)]!++;
  return counts;
}

function assertShards(shards: number): void {
  if (!Number.isInteger(shards) || shards < 1 || shards > 1_000)
    throw new RangeError(`shards must be an integer in [1, 1000], got ${shards}`);
}
