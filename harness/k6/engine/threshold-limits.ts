/**
 * Thresholds the k6 engine's data cannot answer, refused before anything
 * starts (as every filter the stored data cannot honour is): k6 does not tag
 * `vus` and `vus_max` by scenario, so `vus{scenario:…}` would read zeros.
 */
import type { InputProblem, ThresholdsConfig } from '../../../model/index.ts';
import { parseMetricKey } from '../../../model/index.ts';

export function k6EngineThresholdProblems(thresholds: ThresholdsConfig | undefined): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const key of Object.keys(thresholds ?? {})) {
    const parsed = parseMetricKey(key);
    if ('problem' in parsed) continue;
    if ((parsed.name === 'vus' || parsed.name === 'vus_max') && parsed.tags.scenario !== undefined)
      problems.push({
        path: `thresholds.${key}`,
        message: `with --engine k6, ${parsed.name} is not kept per scenario (k6 does not tag it): use ${parsed.name} without {scenario:…}, or the built-in engine`,
      });
  }
  return problems;
}
