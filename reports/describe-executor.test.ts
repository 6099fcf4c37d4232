import { describe, expect, it } from 'vitest';
import { describeExecutor } from './describe-executor.ts';

describe('describeExecutor', () => {
  it('shows the VU pool an arrival-rate executor really runs with, defaults included', () => {
    const e = { executor: 'constant-arrival-rate' as const, rate: 400, timeUnit: '1s', duration: '20s' };
    expect(describeExecutor({ ...e, maxVUs: 200 })).toBe(
      'constant-arrival-rate · 400 iterations/1s for 20s (VUs 40 pre-allocated, max 200)',
    );
    expect(describeExecutor(e)).toBe(
      'constant-arrival-rate · 400 iterations/1s for 20s (VUs 40 pre-allocated, max 1000)',
    );
    expect(describeExecutor({ ...e, preAllocatedVUs: 50 })).toBe(
      'constant-arrival-rate · 400 iterations/1s for 20s (VUs 50 pre-allocated, max 50)',
    );
    const ramp = {
      executor: 'ramping-arrival-rate' as const,
      startRate: 0,
      timeUnit: '1s',
      stages: [{ duration: '10s', target: 300 }],
      maxVUs: 100,
    };
    expect(describeExecutor(ramp)).toBe(
      'ramping-arrival-rate · from 0/1s: 300/1s in 10s (VUs 30 pre-allocated, max 100)',
    );
  });
});
