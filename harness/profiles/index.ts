/** The five load profiles as named presets: schema, expansion to a k6 executor, phases. */

export {
  BaselinePreset,
  EndurancePreset,
  isPreset,
  LoadPreset,
  MAX_STRESS_STEPS,
  PRESET_NAMES,
  type PresetConfig,
  type PresetInput,
  type PresetName,
  type PresetOf,
  PresetProfile,
  SpikePreset,
  StressPreset,
} from '../../model/index.ts';
export { expandPreset, spikePeak } from './expand-preset.ts';
export { type PhaseKind, type PresetPhase, presetDurationMs, presetPhases } from './preset-phases.ts';
export { type ResolvedProfile, resolveProfile } from './resolve-profile.ts';
export { scalePreset } from './scale-preset.ts';
export { stressRates } from './stress-steps.ts';
