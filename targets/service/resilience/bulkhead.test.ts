import { describe, expect, it } from 'vitest';
import { Bulkhead, BulkheadFullError } from './bulkhead.ts';
import { flushMicrotasks } from './manual-clock.ts';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('Bulkhead', () => {
  it('runs `limit` calls, queues `queue` more, refuses the rest at once', async () => {
    let rejected = 0;
    const bh = new Bulkhead({ limit: 2, queue: 1, onReject: () => rejected++ });
    const g = gate();
    const started: number[] = [];
    const call = (n: number) =>
      bh.run(async () => {
        started.push(n);
        await g.opened;
        return n;
      });
    const a = call(1);
    const b = call(2);
    const c = call(3);
    await expect(call(4)).rejects.toBeInstanceOf(BulkheadFullError);
    await flushMicrotasks();
    expect(started).toEqual([1, 2]);
    expect(bh.inFlight).toBe(2);
    expect(bh.queued).toBe(1);
    expect(rejected).toBe(1);
    g.open();
    expect(await Promise.all([a, b, c])).toEqual([1, 2, 3]);
    expect(started).toEqual([1, 2, 3]);
    expect(bh.inFlight).toBe(0);
  });

  it('frees the slot of a failed call', async () => {
    const bh = new Bulkhead({ limit: 1, queue: 0 });
    await expect(bh.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await bh.run(async () => 'next')).toBe('next');
    expect(bh.inFlight).toBe(0);
  });
});
