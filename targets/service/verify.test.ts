import { describe, expect, it } from 'vitest';
import { HttpError } from './errors.ts';
import { chunk, classify, parseWrites } from './verify.ts';

describe('parseWrites', () => {
  it('keeps the highest acknowledged version per entity id', () => {
    const acked = parseWrites({
      writes: [
        { id: 'items/1', version: 2 },
        { id: 'items/1', version: 5 },
        { id: 'items/1', version: 3 },
        { id: 'orders/9', version: 1 },
      ],
    });
    expect([...acked.items]).toEqual([[1, 5]]);
    expect([...acked.orders]).toEqual([[9, 1]]);
  });

  it.each([
    {},
    { writes: 'x' },
    { writes: [{ id: 'users/1', version: 1 }] },
    { writes: [{ id: 'items/1', version: 0 }] },
    { writes: [{ id: 'items/x', version: 1 }] },
    { writes: [{ id: 'items/1' }] },
  ])('rejects %j with 400', (body) => {
    expect(() => parseWrites(body)).toThrow(HttpError);
  });
});

describe('classify', () => {
  it('finds lost (missing) and stale (older) rows', () => {
    const acked = new Map([
      [1, 3],
      [2, 1],
      [3, 2],
      [4, 2],
    ]);
    const stored = new Map([
      [1, 3],
      [3, 1],
      [4, 7],
    ]);
    expect(classify('items', acked, stored)).toEqual({ checked: 4, lost: ['items/2'], stale: ['items/3'] });
  });
});

it('chunk splits into batches', () => {
  expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
});
