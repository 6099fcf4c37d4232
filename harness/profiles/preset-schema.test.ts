import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Executor, isPreset, PresetProfile } from '../../model/index.ts';

const problems = (input: unknown) => {
  const r = PresetProfile.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('PresetProfile', () => {
  it('fills the defaults of each preset', () => {
    expect(PresetProfile.parse({ preset: 'baseline' })).toEqual({
      preset: 'baseline',
      rate: 20,
      duration: '30s',
    });
    expect(PresetProfile.parse({ preset: 'load', rate: 50 })).toEqual({
      preset: 'load',
      rate: 50,
      rampUp: '30s',
      hold: '2m',
      rampDown: '10s',
    });
    expect(PresetProfile.parse({ preset: 'stress', startRate: 10, step: 10, maxRate: 100 })).toMatchObject({
      stepDuration: '20s',
    });
    expect(PresetProfile.parse({ preset: 'spike', rate: 10, factor: 5 })).toMatchObject({
      before: '30s',
      spike: '10s',
      after: '60s',
    });
    expect(PresetProfile.parse({ preset: 'endurance', rate: 10 })).toMatchObject({ duration: '30m' });
  });

  it('fills the capacity search defaults, and its settle must leave a measured part', () => {
    expect(PresetProfile.parse({ preset: 'capacity' })).toEqual({
      preset: 'capacity',
      startRate: 100,
      growth: 2,
      maxRate: 20_000,
      tolerance: 0.05,
      stepDuration: '20s',
      settle: '5s',
      maxSteps: 20,
      repeats: 1,
      throughputFloor: 0.95,
      maxDroppedRatio: 0.01,
    });
    expect(problems({ preset: 'capacity', stepDuration: '5s', settle: '4.5s' })).toEqual([
      'settle: settle must be at least 1s shorter than stepDuration: a step is measured after it, in 1-second intervals',
    ]);
    expect(problems({ preset: 'capacity', growth: 1, tolerance: 0 })).toEqual([
      expect.stringMatching(/^growth: /),
      expect.stringMatching(/^tolerance: /),
    ]);
    expect(problems({ preset: 'capacity', startRate: 50, minRate: 500 })).toEqual([
      'minRate: minRate must not be above startRate',
    ]);
  });

  it('is strict and says where each problem is', () => {
    expect(problems({ preset: 'load', rate: 10, hodl: '1m' })).toEqual([expect.stringMatching(/hodl/)]);
    expect(problems({ preset: 'load', rate: 12.5 })).toEqual([expect.stringMatching(/^rate: /)]);
    expect(problems({ preset: 'stress', startRate: 100, step: 10, maxRate: 50 })).toEqual([
      'maxRate: maxRate must be at least startRate',
    ]);
    expect(problems({ preset: 'stress', startRate: 1, step: 1, maxRate: 1000 })).toEqual([
      expect.stringMatching(/^step: more than 100 steps/),
    ]);
    expect(problems({ preset: 'spike', rate: 10, factor: 1 })).toEqual([expect.stringMatching(/^factor: /)]);
    expect(problems({ preset: 'spike', rate: 10, factor: 2, spike: '0s' })).toEqual([
      'spike: expected a duration above zero',
    ]);
    expect(problems({ preset: 'baseline', preAllocatedVUs: 10, maxVUs: 5 })).toEqual([
      'maxVUs: maxVUs must be at least preAllocatedVUs',
    ]);
    expect(problems({ preset: 'soak', rate: 1 })).toHaveLength(1);
  });

  it('sits beside raw executors in one union, and isPreset tells them apart', () => {
    const Profile = z.union([Executor, PresetProfile]);
    const preset = Profile.parse({ preset: 'spike', rate: 10, factor: 2 });
    const raw = Profile.parse({ executor: 'constant-vus', duration: '1s' });
    expect(isPreset(preset)).toBe(true);
    expect(isPreset(raw)).toBe(false);
  });
});
