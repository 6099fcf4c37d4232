/**
 * k6 refuses a scenario shorter than one second (`constant-vus` and
 * `constant-arrival-rate` durations, the iteration executors' `maxDuration`:
 * "the duration must be at least 1s"), where harness's own engine runs any
 * length. A plan handed to k6 — `--engine k6`, `harness export k6` — is
 * checked here first, so a short `--duration-scale` is a clear input error
 * naming the profile and the smallest scale that works, before anything starts.
 */
import type { CellExecutor, ExecutorConfig, InputProblem } from '../../../model/index.ts';
import { executorsOf, formatDuration, parseDuration } from '../../../model/index.ts';

/** k6's `minDuration` (lib/executor/constant_vus.go). */
export const K6_MIN_DURATION_MS = 1000;

/** The field k6 holds to its minimum, and its length in ms; none for the ramping executors. */
function limitedLength(e: ExecutorConfig): { field: string; ms: number } | undefined {
  switch (e.executor) {
    case 'constant-vus':
    case 'constant-arrival-rate':
      return { field: 'duration', ms: parseDuration(e.duration) };
    case 'per-vu-iterations':
    case 'shared-iterations':
      return { field: 'maxDuration', ms: parseDuration(e.maxDuration) };
    default:
      return undefined;
  }
}

/**
 * One problem per executor k6 would refuse. `path` names where it comes from
 * (`profiles.steady`, `warmup`); `durationScale` is the scale already applied,
 * for the fix.
 */
export function k6DurationProblems(
  executors: readonly { path: string; executor: CellExecutor }[],
  durationScale = 1,
): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const { path, executor } of executors) {
    for (const { name, executor: e } of executorsOf(executor)) {
      const limited = limitedLength(e);
      if (limited === undefined || limited.ms >= K6_MIN_DURATION_MS) continue;
      const where = name === undefined ? path : `${path}.scenarios.${name}`;
      const scaled = durationScale === 1 ? '' : ` at --duration-scale ${durationScale}`;
      const fix =
        limited.ms > 0 && durationScale !== 1
          ? `use --duration-scale ${Math.ceil(((durationScale * K6_MIN_DURATION_MS) / limited.ms) * 100) / 100} or more, or the built-in engine`
          : `make it at least 1s, or use the built-in engine`;
      problems.push({
        path: `${where}.${limited.field}`,
        message: `k6 runs a scenario for at least 1s, and this one lasts ${formatDuration(limited.ms)}${scaled}: ${fix}`,
      });
    }
  }
  return problems;
}
