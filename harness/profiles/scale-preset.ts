/**
 * `--duration-scale` for presets: scales the preset's own durations, so the
 * expanded executor and the phases the analyses use stay in step. Scale the
 * preset, then expand it — `expandPreset(scalePreset(p, f))` — rather than
 * scaling the expanded executor: the phases come from the preset.
 */
import { type PresetConfig, type PresetInput, PresetProfile, scaleDuration } from '../../model/index.ts';

export function scalePreset(preset: PresetInput | PresetConfig, factor: number): PresetConfig {
  const p = PresetProfile.parse(preset);
  if (factor === 1) return p;
  const s = (d: string) => scaleDuration(d, factor);
  switch (p.preset) {
    case 'baseline':
    case 'endurance':
      return { ...p, duration: s(p.duration) };
    case 'load':
      return { ...p, rampUp: s(p.rampUp), hold: s(p.hold), rampDown: s(p.rampDown) };
    case 'stress':
      return { ...p, stepDuration: s(p.stepDuration) };
    case 'spike':
      return { ...p, before: s(p.before), spike: s(p.spike), after: s(p.after) };
    case 'capacity':
      return { ...p, stepDuration: s(p.stepDuration), settle: s(p.settle) };
  }
}
