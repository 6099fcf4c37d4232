/**
 * The named phases of a preset with their time windows, in ms after the
 * profile's start: what the analyses cut the intervals by and what reports
 * draw as stage markers. Zero-length phases (a `0s` ramp) are left out.
 */
import { type PresetConfig, type PresetInput, PresetProfile, parseDuration } from '../../model/index.ts';
import { spikePeak } from './expand-preset.ts';
import { stressRates } from './stress-steps.ts';

export type PhaseKind = 'steady' | 'ramp-up' | 'hold' | 'ramp-down' | 'step' | 'before' | 'spike' | 'after';

export interface PresetPhase {
  /** `steady`, `ramp-up`, `hold`, `ramp-down`, `step-1`…`step-N`, `before`, `spike`, `after`. */
  name: string;
  kind: PhaseKind;
  /** Stress only: 1-based step number. */
  step?: number;
  /** Window [startMs, endMs) in ms after the profile's start. */
  startMs: number;
  endMs: number;
  /** Offered rate (iterations/s) at the start and at the end of the phase; equal when steady. */
  startRate: number;
  endRate: number;
}

export function presetPhases(preset: PresetInput | PresetConfig): PresetPhase[] {
  const p = PresetProfile.parse(preset);
  const phases: PresetPhase[] = [];
  let at = 0;
  const add = (name: string, kind: PhaseKind, duration: string, startRate: number, endRate = startRate) => {
    const ms = parseDuration(duration);
    if (ms > 0) phases.push({ name, kind, startMs: at, endMs: at + ms, startRate, endRate });
    at += ms;
    return phases.at(-1);
  };
  switch (p.preset) {
    case 'baseline':
    case 'endurance':
      add('steady', 'steady', p.duration, p.rate);
      break;
    case 'load':
      add('ramp-up', 'ramp-up', p.rampUp, 0, p.rate);
      add('hold', 'hold', p.hold, p.rate);
      add('ramp-down', 'ramp-down', p.rampDown, p.rate, 0);
      break;
    case 'stress':
      for (const [i, rate] of stressRates(p).entries()) {
        const phase = add(`step-${i + 1}`, 'step', p.stepDuration, rate);
        if (phase) phase.step = i + 1;
      }
      break;
    case 'capacity':
      // Its steps are chosen as the search goes: no phases known in advance.
      break;
    case 'spike': {
      const peak = spikePeak(p);
      add('before', 'before', p.before, p.rate);
      add('spike', 'spike', p.spike, peak);
      add('after', 'after', p.after, p.rate);
      break;
    }
  }
  return phases;
}

/** Total length of a preset's profile in ms (end of its last phase). */
export function presetDurationMs(preset: PresetInput | PresetConfig): number {
  return presetPhases(preset).at(-1)?.endMs ?? 0;
}
