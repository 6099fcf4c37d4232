import { describe, expect, it } from 'vitest';
import { fnv1a32, hash32 } from './hash.ts';
import { encodeOrderId, shardOfOrder } from './order-id.ts';
import {
  consistentRouter,
  createShardRouter,
  distribution,
  modRouter,
  movedFraction,
} from './shard-router.ts';

const keys = Array.from({ length: 20_000 }, (_, i) => i + 1);

describe('hash', () => {
  it('is FNV-1a (reference vectors) and stable', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    expect(hash32(42)).toBe(hash32('42'));
  });
});

describe.each([
  ['mod', modRouter(3)],
  ['consistent', consistentRouter(3, 128)],
])('%s routing', (_, router) => {
  it('is deterministic and in range', () => {
    for (const key of [1, 2, 99, 1e12]) {
      const s = router.shardOf(key);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(3);
      expect(router.shardOf(key)).toBe(s);
    }
  });

  it('spreads keys within ±15% of even', () => {
    for (const count of distribution(keys, router))
      expect(Math.abs(count / (keys.length / 3) - 1)).toBeLessThan(0.15);
  });
});

describe('rebalancing from K to K+1 shards', () => {
  it.each([3, 4, 8])('K=%i: consistent moves ~1/(K+1) of the keys, mod ~K/(K+1)', (k) => {
    const consistent = movedFraction(keys, consistentRouter(k), consistentRouter(k + 1));
    const mod = movedFraction(keys, modRouter(k), modRouter(k + 1));
    expect(consistent).toBeGreaterThan(0.6 / (k + 1));
    expect(consistent).toBeLessThan(1.4 / (k + 1));
    expect(Math.abs(mod - k / (k + 1))).toBeLessThan(0.03);
  });

  it('consistent hashing only moves keys onto the new shard', () => {
    const before = consistentRouter(3);
    const after = consistentRouter(4);
    const elsewhere = keys.filter((k) => before.shardOf(k) !== after.shardOf(k) && after.shardOf(k) !== 3);
    expect(elsewhere).toEqual([]);
  });
});

it('createShardRouter picks the strategy', () => {
  expect(createShardRouter('mod', 2).mode).toBe('mod');
  expect(createShardRouter('consistent', 2, 8).mode).toBe('consistent');
  expect(() => modRouter(0)).toThrow(RangeError);
});

describe('sharded order ids', () => {
  it('end in their shard and round-trip', () => {
    expect(encodeOrderId(42, 2)).toBe(42_002);
    expect(shardOfOrder(42_002, 3)).toBe(2);
    expect(shardOfOrder(encodeOrderId(1, 0), 1)).toBe(0);
  });

  it('reject ids no shard can hold', () => {
    expect(shardOfOrder(42_005, 3)).toBeUndefined();
    expect(shardOfOrder(7, 10)).toBeUndefined();
  });
});
