import { describe, expect, it } from 'vitest';
import { onceUntilFailure } from './once-until-failure.ts';

describe('onceUntilFailure', () => {
  it('shares one run while it succeeds, and runs again after a failure', async () => {
    let calls = 0;
    const get = onceUntilFailure(async () => {
      calls++;
      if (calls === 1) throw new Error('not installed yet');
      return calls;
    });
    await expect(get()).rejects.toThrow('not installed yet');
    expect(await Promise.all([get(), get()])).toEqual([2, 2]);
    expect(await get()).toBe(2);
    expect(calls).toBe(2);
  });
});
