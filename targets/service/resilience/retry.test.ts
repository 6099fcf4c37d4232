import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.ts';
import { backoffDelay, retry } from './retry.ts';

describe('backoffDelay (full jitter)', () => {
  it('draws uniformly below min(max, base · 2^(n-1))', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, 10, 50, () => 0.999))).toEqual([9, 19, 39, 49, 49]);
    expect(backoffDelay(3, 10, 50, () => 0)).toBe(0);
    expect(backoffDelay(2, 10, 50, () => 0.5)).toBe(10);
  });
});

describe('retry', () => {
  it('retries after the backoff and returns the first success', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const delays: number[] = [];
    const result = retry(
      async () => {
        calls++;
        if (calls < 3) throw new Error(`fail ${calls}`);
        return 'ok';
      },
      {
        retries: 3,
        baseMs: 100,
        maxMs: 1_000,
        clock,
        random: () => 0.5,
        onRetry: (_n, d) => delays.push(d),
      },
    );
    await clock.advance(49);
    expect(calls).toBe(1);
    await clock.advance(1);
    expect(calls).toBe(2);
    await clock.advance(100);
    expect(await result).toBe('ok');
    expect(calls).toBe(3);
    expect(delays).toEqual([50, 100]);
  });

  it('gives up after `retries` extra attempts with the last error', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const result = retry(
      async () => {
        throw new Error(`fail ${++calls}`);
      },
      { retries: 2, baseMs: 10, maxMs: 10, clock, random: () => 0.99 },
    ).catch((err: Error) => err.message);
    await clock.advance(100);
    expect(await result).toBe('fail 3');
  });

  it('does not retry an error shouldRetry rejects', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new Error('fatal');
        },
        { retries: 5, baseMs: 1, maxMs: 1, shouldRetry: () => false, clock: new ManualClock() },
      ),
    ).rejects.toThrow('fatal');
    expect(calls).toBe(1);
  });
});
