import { describe, expect, it } from 'vitest';
import { OrderIdGenerator } from './order-ids.ts';
import { newestPerItem } from './persist-writes.ts';
import { decodeWrite, encodeWrite, versionOfSeq } from './stream.ts';

describe('order ids', () => {
  it('grow, never repeat (even past 1024 per ms), and fit 15 digits until 2032', () => {
    let t = Date.UTC(2026, 0, 1);
    const gen = new OrderIdGenerator(1, () => t);
    const ids = Array.from({ length: 3_000 }, () => gen.next());
    t -= 5; // a clock step back
    ids.push(gen.next());
    t += 100;
    ids.push(gen.next());
    expect(ids.filter((id, i) => i > 0 && id <= ids[i - 1]!)).toEqual([]);
    expect(ids.every((id) => id % 4 === 1)).toBe(true);
    const late = new OrderIdGenerator(3, () => Date.UTC(2032, 6, 1)).next();
    expect(String(late)).toHaveLength(15);
    expect(Number.isSafeInteger(late)).toBe(true);
  });
});

describe('write messages', () => {
  it('round-trip, and anything else decodes as poison', () => {
    const item = { entity: 'items', id: 7, value: 'x', acceptedAt: 1_700_000_000_000 } as const;
    const order = { entity: 'orders', id: 9, itemId: 7, qty: 2, acceptedAt: 1_700_000_000_000 } as const;
    expect(decodeWrite(encodeWrite(item))).toEqual(item);
    expect(decodeWrite(encodeWrite(order))).toEqual(order);
    for (const bad of [
      'nope',
      '{}',
      '{"entity":"items","id":1,"acceptedAt":1}',
      '{"entity":"orders","id":1,"qty":1,"acceptedAt":1}',
    ])
      expect(decodeWrite(Buffer.from(bad))).toBeUndefined();
  });

  it('item versions follow the stream sequence and beat the seeded version 1', () => {
    expect(versionOfSeq(1)).toBe(2);
    expect(versionOfSeq(41)).toBe(42);
  });

  it('a batch keeps the newest write per item, in id order (no deadlocks between batches)', () => {
    const writes = [
      { id: 2, value: 'b', version: 3 },
      { id: 1, value: 'a', version: 5 },
      { id: 1, value: 'c', version: 9 },
      { id: 1, value: 'd', version: 7 },
    ];
    expect(newestPerItem(writes)).toEqual([
      { id: 1, value: 'c', version: 9 },
      { id: 2, value: 'b', version: 3 },
    ]);
  });
});
