/**
 * `--duration-scale`: shrinks (or stretches) every duration of a scenario so
 * CI can run a short version of a long scenario. Rates and `timeUnit` are
 * left alone — a scaled run has the same intensity, only for less time.
 */
import { formatDuration, parseDuration } from './duration.ts';
import type { FaultSpec } from './scenario/fault-schema.ts';
import type { ExecutorConfig } from './scenario/schema.ts';

/** Durations below this are not shrunk further: a stage of 0 ms would change the shape. */
const MIN_SCALED_MS = 100;

export function scaleDuration(text: string, factor: number): string {
  if (factor === 1) return text;
  const ms = parseDuration(text);
  if (ms === 0) return text;
  return formatDuration(Math.max(MIN_SCALED_MS, Math.round(ms * factor)));
}

const maybe = (text: string | undefined, factor: number): string | undefined =>
  text === undefined ? undefined : scaleDuration(text, factor);

export function scaleExecutor(executor: ExecutorConfig, factor: number): ExecutorConfig {
  if (factor === 1) return executor;
  const common = {
    startTime: maybe(executor.startTime, factor),
    gracefulStop: maybe(executor.gracefulStop, factor),
  };
  const strip = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  switch (executor.executor) {
    case 'constant-vus':
    case 'constant-arrival-rate':
      return strip({ ...executor, ...common, duration: scaleDuration(executor.duration, factor) });
    case 'ramping-vus':
      return strip({
        ...executor,
        ...common,
        gracefulRampDown: maybe(executor.gracefulRampDown, factor),
        stages: executor.stages.map((s) => ({ ...s, duration: scaleDuration(s.duration, factor) })),
      });
    case 'ramping-arrival-rate':
      return strip({
        ...executor,
        ...common,
        stages: executor.stages.map((s) => ({ ...s, duration: scaleDuration(s.duration, factor) })),
      });
    case 'shared-iterations':
    case 'per-vu-iterations':
      return strip({ ...executor, ...common, maxDuration: scaleDuration(executor.maxDuration, factor) });
  }
}

/**
 * A fault as a cell runs it: its timeline (`at`, `duration`, `restartAfter`)
 * scaled like the executor's, its magnitudes (latencies, timeouts, rates) not.
 */
export function scaleFault(fault: FaultSpec, factor: number): FaultSpec {
  if (factor === 1) return fault;
  const out = { ...fault, at: scaleDuration(fault.at, factor) } as FaultSpec & {
    duration?: string;
    restartAfter?: string;
  };
  if ('duration' in fault && fault.duration !== undefined)
    out.duration = scaleDuration(fault.duration, factor);
  if ('restartAfter' in fault && fault.restartAfter !== undefined)
    out.restartAfter = scaleDuration(fault.restartAfter, factor);
  return out;
}
