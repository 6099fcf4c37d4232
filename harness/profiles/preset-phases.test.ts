import { describe, expect, it } from 'vitest';
import type { PresetInput } from '../../model/index.ts';
import { Executor } from '../../model/index.ts';
import { planExecutor } from '../engine/plan/index.ts';
import { expandPreset } from './expand-preset.ts';
import { presetDurationMs, presetPhases } from './preset-phases.ts';
import { scalePreset } from './scale-preset.ts';

const windows = (p: PresetInput) => presetPhases(p).map((ph) => [ph.name, ph.startMs, ph.endMs]);

describe('presetPhases', () => {
  it('baseline and endurance: one steady phase', () => {
    expect(presetPhases({ preset: 'baseline' })).toEqual([
      { name: 'steady', kind: 'steady', startMs: 0, endMs: 30_000, startRate: 20, endRate: 20 },
    ]);
    expect(windows({ preset: 'endurance', rate: 5 })).toEqual([['steady', 0, 1_800_000]]);
  });

  it('load: ramp-up, hold, ramp-down; a zero ramp is left out', () => {
    expect(presetPhases({ preset: 'load', rate: 100 })).toEqual([
      { name: 'ramp-up', kind: 'ramp-up', startMs: 0, endMs: 30_000, startRate: 0, endRate: 100 },
      { name: 'hold', kind: 'hold', startMs: 30_000, endMs: 150_000, startRate: 100, endRate: 100 },
      { name: 'ramp-down', kind: 'ramp-down', startMs: 150_000, endMs: 160_000, startRate: 100, endRate: 0 },
    ]);
    expect(windows({ preset: 'load', rate: 100, rampUp: '0s' })).toEqual([
      ['hold', 0, 120_000],
      ['ramp-down', 120_000, 130_000],
    ]);
  });

  it('stress: one numbered phase per step with its offered rate', () => {
    const phases = presetPhases({ preset: 'stress', startRate: 100, step: 100, maxRate: 300 });
    expect(phases.map((p) => [p.name, p.step, p.startMs, p.endMs, p.startRate])).toEqual([
      ['step-1', 1, 0, 20_000, 100],
      ['step-2', 2, 20_000, 40_000, 200],
      ['step-3', 3, 40_000, 60_000, 300],
    ]);
  });

  it('spike: before, spike at the peak rate, after', () => {
    expect(
      presetPhases({ preset: 'spike', rate: 10, factor: 4 }).map((p) => [
        p.name,
        p.startMs,
        p.endMs,
        p.startRate,
      ]),
    ).toEqual([
      ['before', 0, 30_000, 10],
      ['spike', 30_000, 40_000, 40],
      ['after', 40_000, 100_000, 10],
    ]);
  });

  it('the phases end where the expanded executor ends, also when scaled', () => {
    const presets: PresetInput[] = [
      { preset: 'baseline' },
      { preset: 'load', rate: 10 },
      { preset: 'stress', startRate: 10, step: 7, maxRate: 50 },
      { preset: 'spike', rate: 10, factor: 3 },
      { preset: 'endurance', rate: 5 },
    ];
    for (const p of presets) {
      for (const scaled of [p, scalePreset(p, 0.05)]) {
        expect(presetDurationMs(scaled)).toBe(planExecutor(Executor.parse(expandPreset(scaled))).endMs);
      }
    }
  });
});
