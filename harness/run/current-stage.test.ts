import { describe, expect, it } from 'vitest';
import type { CellExecutor } from '../../model/index.ts';
import { currentStage } from './current-stage.ts';

describe('currentStage', () => {
  it('names the stage of a ramping executor', () => {
    const e = {
      executor: 'ramping-vus' as const,
      startVUs: 0,
      stages: [
        { duration: '10s', target: 20 },
        { duration: '20s', target: 20 },
      ],
    };
    expect(currentStage(e, undefined, 5_000)).toBe('stage 1/2 → 20');
    expect(currentStage(e, undefined, 15_000)).toBe('stage 2/2 → 20');
    expect(currentStage(e, undefined, 31_000)).toBeUndefined();
  });

  it("names a preset's phase", () => {
    const preset = {
      preset: 'spike' as const,
      rate: 100,
      factor: 5,
      before: '10s',
      spike: '5s',
      after: '10s',
    };
    const executor = { executor: 'constant-vus' as const, vus: 1, duration: '1s' };
    expect(currentStage(executor, preset, 2_000)).toBe('before @ 100/s');
    expect(currentStage(executor, preset, 12_000)).toBe('spike @ 500/s');
  });

  it('has nothing to say for a constant executor', () => {
    expect(currentStage({ executor: 'constant-vus', vus: 1, duration: '1s' }, undefined, 0)).toBeUndefined();
  });
});

describe('currentStage of concurrent scenarios', () => {
  const mixed: CellExecutor = {
    executor: 'scenarios',
    scenarios: {
      readers: { executor: 'constant-arrival-rate', rate: 200, timeUnit: '1s', duration: '30s' },
      writers: {
        executor: 'ramping-vus',
        startVUs: 0,
        startTime: '10s',
        stages: [
          { duration: '10s', target: 5 },
          { duration: '10s', target: 5 },
        ],
      },
    },
  };

  it('names the scenarios running now, with their stage', () => {
    expect(currentStage(mixed, undefined, 5_000)).toBe('readers');
    expect(currentStage(mixed, undefined, 15_000)).toBe('readers, writers stage 1/2 → 5');
    expect(currentStage(mixed, undefined, 25_000)).toBe('readers, writers stage 2/2 → 5');
    expect(currentStage(mixed, undefined, 31_000)).toBeUndefined();
  });
});
