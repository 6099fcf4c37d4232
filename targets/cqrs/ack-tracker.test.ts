import { describe, expect, it } from 'vitest';
import { AckTracker } from './ack-tracker.ts';
import { decodeEvent, encodeEvent } from './events.ts';
import { newestPerItem } from './read-model.ts';

describe('AckTracker', () => {
  it('classifies an item read by the acks it missed: none, only recent ones, or one older than the bound', () => {
    const t = new AckTracker(1_000);
    expect(t.itemRead(7, 1, 0)).toBe('fresh'); // nothing acknowledged through this API
    t.itemAcked(7, 2, 10_000);
    t.itemAcked(7, 3, 10_600);
    expect(t.itemRead(7, 3, 10_700)).toBe('fresh');
    expect(t.itemRead(7, 2, 10_700)).toBe('behind'); // v3 is 100 ms old
    expect(t.itemRead(7, 1, 10_700)).toBe('behind'); // v2 is 700 ms old: still inside the bound
    expect(t.itemRead(7, 1, 11_000)).toBe('stale'); // v2 acknowledged 1 000 ms before the read began
    expect(t.itemRead(7, 2, 11_000)).toBe('behind'); // it has v2; v3 is only 400 ms old
    expect(t.itemRead(7, 2, 11_600)).toBe('stale');
    expect(t.itemRead(7, 0, 11_600)).toBe('stale'); // not found at all
  });

  it('uses the version order, whatever order the acks arrive in', () => {
    const t = new AckTracker(500);
    t.itemAcked(1, 5, 1_000);
    t.itemAcked(1, 4, 1_001);
    expect(t.itemRead(1, 4, 1_400)).toBe('behind');
    expect(t.itemRead(1, 4, 1_600)).toBe('stale');
    expect(t.itemRead(1, 5, 5_000)).toBe('fresh');
  });

  it('keeps one ack older than the bound per item: the one that decides', () => {
    const t = new AckTracker(100);
    for (let v = 2; v < 1_000; v++) t.itemAcked(1, v, v * 10);
    expect(t.itemRead(1, 988, 9_990)).toBe('stale');
    expect(t.itemRead(1, 989, 9_990)).toBe('behind');
  });

  it('classifies order reads, forgets an order once read back, and bounds how many it keeps', () => {
    const t = new AckTracker(1_000, 2);
    t.orderAcked(1, 0);
    expect(t.orderRead(1, false, 500)).toBe('behind');
    expect(t.orderRead(1, false, 1_000)).toBe('stale');
    expect(t.orderRead(1, true, 1_000)).toBe('fresh');
    expect(t.orderRead(1, false, 9_000)).toBe('fresh'); // forgotten: read back once
    t.orderAcked(2, 0);
    t.orderAcked(3, 0);
    t.orderAcked(4, 0);
    expect(t.orderRead(2, false, 9_000)).toBe('fresh'); // evicted, oldest first
    expect(t.orderRead(3, false, 9_000)).toBe('stale');
  });
});

describe('cqrs events', () => {
  it('round-trip, anything else decodes as poison; a batch keeps the newest event per item', () => {
    const item = { seq: 1, entity: 'items', id: 7, version: 3, value: 'x', at: 1_700_000_000_000 } as const;
    const order = { seq: 2, entity: 'orders', id: 9, itemId: 7, qty: 2, at: 1_700_000_000_000 } as const;
    expect(decodeEvent(encodeEvent(item))).toEqual(item);
    expect(decodeEvent(encodeEvent(order))).toEqual(order);
    for (const bad of ['{', '{}', '{"seq":1,"entity":"items","id":1,"at":1}'])
      expect(decodeEvent(Buffer.from(bad))).toBeUndefined();
    const newest = newestPerItem([
      { ...item, id: 2, version: 4 },
      item,
      { ...item, version: 9 },
      order,
      { ...item, version: 5 },
    ]);
    expect(newest.map((e) => [e.id, e.version])).toEqual([
      [2, 4],
      [7, 9],
    ]);
  });
});
