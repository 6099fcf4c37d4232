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
});
