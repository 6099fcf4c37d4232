/**
 * A scenario profile — raw executor or preset — as the run plan needs it:
 * the executor to run, with `--duration-scale` applied, and the (scaled)
 * preset it came from, which the analyses and reports read the phases of.
 * A preset is scaled before it is expanded, so its phases and its executor
 * stay in step.
 */

import type { CellExecutor, ProfileConfig } from '../../model/index.ts';
import { isPreset, type PresetConfig, scaleExecutor, scenariosExecutor } from '../../model/index.ts';
import { expandPreset } from './expand-preset.ts';
import { scalePreset } from './scale-preset.ts';

export interface ResolvedProfile {
  /** One executor, or a `scenarios` profile's executors (which run at once). */
  executor: CellExecutor;
  /** Absent for a raw executor or scenarios. */
  preset?: PresetConfig;
}

export function resolveProfile(profile: ProfileConfig, durationScale = 1): ResolvedProfile {
  if ('scenarios' in profile) return { executor: scenariosExecutor(profile, durationScale) };
  if (!isPreset(profile)) return { executor: scaleExecutor(profile, durationScale) };
  const preset = scalePreset(profile, durationScale);
  return { executor: expandPreset(preset), preset };
}
