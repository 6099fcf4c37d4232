import { describe, expect, it } from 'vitest';
import { execName, executorEndMs, k6Scenario, k6ScenarioName } from './k6-scenarios.ts';

describe('k6Scenario', () => {
  it('copies k6 options under their own names, and fills the VU pool harness would use', () => {
    expect(
      k6Scenario(
        {
          executor: 'constant-arrival-rate',
          rate: 400,
          timeUnit: '1s',
          duration: '20s',
          maxVUs: 200,
          weights: { read: 1 },
          tags: { kind: 'reads' },
        },
        'run_steady',
      ),
    ).toEqual({
      executor: 'constant-arrival-rate',
      rate: 400,
      timeUnit: '1s',
      duration: '20s',
      preAllocatedVUs: 40,
      maxVUs: 200,
      tags: { kind: 'reads' },
      exec: 'run_steady',
    });
    expect(
      k6Scenario(
        {
          executor: 'ramping-vus',
          startVUs: 0,
          stages: [{ duration: '10s', target: 5 }],
          gracefulRampDown: '5s',
        },
        'r',
      ),
    ).toEqual({
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [{ duration: '10s', target: 5 }],
      gracefulRampDown: '5s',
      exec: 'r',
    });
  });

  it('moves a profile later in a chain by its offset, on top of its own startTime', () => {
    const s = k6Scenario(
      { executor: 'constant-vus', vus: 2, duration: '5s', startTime: '2s', gracefulStop: '1s' },
      'r',
      60_000,
    );
    expect(s).toMatchObject({ startTime: '1m2s', gracefulStop: '1s' });
    // Its end: start 62 s + 5 s of load + 1 s graceful stop.
    expect(
      executorEndMs(
        { executor: 'constant-vus', vus: 2, duration: '5s', startTime: '2s', gracefulStop: '1s' },
        60_000,
      ),
    ).toBe(68_000);
    // k6's default graceful stop is 30 s.
    expect(executorEndMs({ executor: 'shared-iterations', vus: 1, iterations: 10, maxDuration: '1m' })).toBe(
      90_000,
    );
  });

  it('names scenarios and exec functions as k6 and JS take them', () => {
    expect(k6ScenarioName('read.heavy')).toBe('read_heavy');
    const taken = new Set<string>();
    expect([execName('read-heavy', taken), execName('read_heavy', taken)]).toEqual([
      'run_read_heavy',
      'run_read_heavy_2',
    ]);
  });
});
