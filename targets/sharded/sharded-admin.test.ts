import { expect, it } from 'vitest';
import { consistentRouter } from './shard-router.ts';
import { idWindows } from './sharded-admin.ts';

it('splits items 1..n by shard, window by window, each id exactly once', () => {
  const router = consistentRouter(3, 16);
  const windows = [...idWindows(25, router, 10)];
  expect(windows).toHaveLength(3);
  const all = windows.flatMap((w) => w.flat()).sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  const misplaced = windows.flatMap((w) =>
    w.flatMap((ids, shard) => ids.filter((id) => router.shardOf(id) !== shard)),
  );
  expect(misplaced).toEqual([]);
});
