import { describe, expect, it } from 'vitest';
import { TeardownStack } from './teardown.ts';

describe('TeardownStack', () => {
  it('runs every step last-first, even when one throws, and reports the failures', async () => {
    const order: string[] = [];
    const stack = new TeardownStack();
    stack.push('targets', () => void order.push('targets'));
    stack.push('load', async () => {
      order.push('load');
      throw new Error('boom');
    });
    stack.push('faults', () => void order.push('faults'));
    const errors = await stack.unwind();
    expect(order).toEqual(['faults', 'load', 'targets']);
    expect(errors.map((e) => e.message)).toEqual(['teardown "load" failed: boom']);
    expect(stack.size).toBe(0);
    expect(await stack.unwind()).toEqual([]);
  });
});
