/**
 * The warm-up of a cell, as data: the executor that runs after seeding and
 * before the measured profile — a pure function of the cell's executor and
 * the scenario's `warmup`, its duration already scaled.
 *
 * - `'10s'`: the profile's own load for 10 s — an arrival-rate profile at
 *   its first stage's rate (a constant one at its rate), a VU profile with
 *   its first stage's VUs (a constant one with its VUs, an iterations one
 *   with its VUs looping), each with the profile's weights and VU pool;
 *   concurrent scenarios each their own way, all from the start.
 * - `{ duration, rate }`: the whole mix at `rate` per second (open model).
 * - `{ duration, vus }`: the whole mix with `vus` looping VUs (closed model).
 */
import type { CellExecutor, ExecutorConfig, WarmupConfig } from '../../model/index.ts';
import { parseDuration, scaleDuration } from '../../model/index.ts';

/** The warm-up executor of a cell, or undefined when the scenario has none (a zero duration). */
export function warmupExecutor(
  executor: CellExecutor,
  warmup: WarmupConfig,
  scale = 1,
): CellExecutor | undefined {
  const spec = typeof warmup === 'string' ? { duration: warmup } : warmup;
  if (parseDuration(spec.duration) === 0) return undefined;
  const duration = scaleDuration(spec.duration, scale);
  if ('rate' in spec && spec.rate !== undefined)
    return { executor: 'constant-arrival-rate', rate: spec.rate, timeUnit: '1s', duration };
  if ('vus' in spec && spec.vus !== undefined) return { executor: 'constant-vus', vus: spec.vus, duration };
  if (executor.executor !== 'scenarios') return warmupOf(executor, duration);
  return {
    executor: 'scenarios',
    scenarios: Object.fromEntries(
      Object.entries(executor.scenarios).map(([name, e]) => [name, warmupOf(e, duration)]),
    ),
  };
}

/** One executor's load, held level for `duration` from the start. */
function warmupOf(e: ExecutorConfig, duration: string): ExecutorConfig {
  const common = e.weights ? { weights: e.weights } : {};
  switch (e.executor) {
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate': {
      const rate = e.executor === 'constant-arrival-rate' ? e.rate : firstLevel(e.startRate, e.stages);
      return {
        executor: 'constant-arrival-rate',
        rate,
        timeUnit: e.timeUnit,
        duration,
        ...(e.preAllocatedVUs !== undefined ? { preAllocatedVUs: e.preAllocatedVUs } : {}),
        ...(e.maxVUs !== undefined ? { maxVUs: e.maxVUs } : {}),
        ...common,
      };
    }
    case 'ramping-vus':
      return { executor: 'constant-vus', vus: firstLevel(e.startVUs, e.stages), duration, ...common };
    case 'constant-vus':
    case 'shared-iterations':
    case 'per-vu-iterations':
      return { executor: 'constant-vus', vus: e.vus, duration, ...common };
  }
}

/**
 * The level a ramping profile first holds: its first stage's target, or where
 * it starts when that is higher; a ramp from 0 to 0 warms at the first level
 * above 0 (at least 1).
 */
function firstLevel(start: number, stages: readonly { target: number }[]): number {
  const first = Math.max(start, stages[0]?.target ?? 0);
  if (first > 0) return first;
  return Math.max(1, stages.find((s) => s.target > 0)?.target ?? 1);
}
