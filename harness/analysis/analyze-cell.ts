/**
 * The analysis a cell's profile exists for, picked by its preset: stress →
 * breaking point, spike → impact and recovery, endurance → drift, baseline
 * and load → reference figures and SLO verdict. A raw executor has no preset
 * and so no analysis: undefined.
 */
import type {
  CellAnalysis,
  ComponentResources,
  ExecutorConfig,
  IntervalSample,
  ThresholdsConfig,
} from '../../model/index.ts';
import { isPreset, type PresetConfig, type PresetInput, PresetProfile } from '../../model/index.ts';
import { analyzeEndurance } from './endurance-analysis.ts';
import { analyzeReference } from './reference-analysis.ts';
import { analyzeSpike } from './spike-analysis.ts';
import { analyzeStress } from './stress-analysis.ts';

export interface AnalyzeOptions {
  /** Profile start, ms since the epoch (the engine's `startedAt`); default: the first interval's start. */
  startMs?: number | undefined;
}

export function analyzeCell(
  profile: PresetConfig | PresetInput | ExecutorConfig,
  intervals: readonly IntervalSample[],
  slo: ThresholdsConfig | undefined,
  resources?: ComponentResources,
  options: AnalyzeOptions = {},
): CellAnalysis | undefined {
  if (!isPreset(profile) || intervals.length === 0) return undefined;
  const p = PresetProfile.parse(profile);
  const { startMs } = options;
  switch (p.preset) {
    case 'baseline':
    case 'load':
      return analyzeReference(intervals, { profile: p, thresholds: slo, startMs });
    case 'stress':
      return analyzeStress(intervals, { profile: p, thresholds: slo, startMs });
    case 'spike':
      return analyzeSpike(intervals, { profile: p, startMs });
    case 'endurance':
      return analyzeEndurance(intervals, { profile: p, resources, startMs });
    case 'capacity':
      // Its answer is `CellResult.capacity`, written by the search as it goes.
      return undefined;
  }
}
