import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.ts';
import { TimeoutError, withDeadline } from './timeout.ts';

const never = () => new Promise<never>(() => {});

describe('withDeadline', () => {
  it('rejects with TimeoutError when the call outlives the deadline', async () => {
    const clock = new ManualClock();
    const call = withDeadline(never, 100, clock);
    const outcome = call.then(
      () => 'resolved',
      (err: unknown) => err,
    );
    await clock.advance(99);
    expect(clock.pending).toBe(1);
    await clock.advance(1);
    expect(await outcome).toBeInstanceOf(TimeoutError);
  });

  it('passes a prompt result or error through and cancels its timer', async () => {
    const clock = new ManualClock();
    expect(await withDeadline(async () => 7, 100, clock)).toBe(7);
    await expect(withDeadline(() => Promise.reject(new Error('boom')), 100, clock)).rejects.toThrow('boom');
    expect(clock.pending).toBe(0);
  });

  it('is a no-op with a deadline of 0', async () => {
    const clock = new ManualClock();
    expect(await withDeadline(async () => 'x', 0, clock)).toBe('x');
    expect(clock.pending).toBe(0);
  });
});
