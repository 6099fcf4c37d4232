import { describe, expect, it } from 'vitest';
import { PresetProfile } from '../../model/index.ts';
import { presetPhases } from './preset-phases.ts';
import { resolveProfile } from './resolve-profile.ts';

describe('resolveProfile', () => {
  it('a raw executor is only scaled, and has no preset', () => {
    expect(resolveProfile({ executor: 'constant-vus', vus: 2, duration: '1m' }, 0.5)).toEqual({
      executor: { executor: 'constant-vus', vus: 2, duration: '30s' },
    });
  });

  it('a preset is scaled, then expanded; the phases follow the scaled preset', () => {
    const spike = PresetProfile.parse({ preset: 'spike', rate: 10, factor: 3 });
    const r = resolveProfile(spike, 0.1);
    expect(r.preset).toMatchObject({ before: '3s', spike: '1s', after: '6s' });
    expect(r.executor).toMatchObject({
      executor: 'ramping-arrival-rate',
      stages: [
        { duration: '3s', target: 10 },
        { duration: '0s', target: 30 },
        { duration: '1s', target: 30 },
        { duration: '0s', target: 10 },
        { duration: '6s', target: 10 },
      ],
    });
    expect(presetPhases(r.preset!).map((p) => p.endMs)).toEqual([3000, 4000, 10_000]);
  });

  it('a capacity preset scales its step and settle times; its executor is its first step', () => {
    const r = resolveProfile(PresetProfile.parse({ preset: 'capacity', startRate: 40, maxVUs: 300 }), 0.25);
    expect(r.preset).toMatchObject({ stepDuration: '5s', settle: '1.3s' });
    expect(r.executor).toEqual({
      executor: 'constant-arrival-rate',
      rate: 40,
      timeUnit: '1s',
      duration: '5s',
      maxVUs: 300,
    });
    expect(presetPhases(r.preset!)).toEqual([]);
  });
});
