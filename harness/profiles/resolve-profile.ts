/**
 * A scenario profile — raw executor or preset — as the run plan needs it:
 * the executor to run, with `--duration-scale` applied, and the (scaled)
 * preset it came from, which the analyses and reports read the phases of.
 * A preset is scaled before it is expanded, so its phases and its executor
 * stay in step.
 */
import { scaleExecutor } from '../plan/scale.ts';
import type { ExecutorConfig } from '../scenario/schema.ts';
import { expandPreset } from './expand-preset.ts';
import { isPreset, type PresetConfig } from './preset-schema.ts';
import { scalePreset } from './scale-preset.ts';

export interface ResolvedProfile {
  executor: ExecutorConfig;
  /** Absent for a raw executor. */
  preset?: PresetConfig;
}

export function resolveProfile(profile: ExecutorConfig | PresetConfig, durationScale = 1): ResolvedProfile {
  if (!isPreset(profile)) return { executor: scaleExecutor(profile, durationScale) };
  const preset = scalePreset(profile, durationScale);
  return { executor: expandPreset(preset), preset };
}
