import { parseDuration } from '../duration.ts';
import type { ExecutorConfig } from './schema.ts';

/**
 * VU pool defaults for the arrival-rate executors. k6 requires
 * `preAllocatedVUs`; here it defaults to the VUs needed by 100 ms of latency
 * at the peak rate (Little's law), at least 10. `maxVUs` defaults to
 * `preAllocatedVUs` when only that is given (as in k6), otherwise to
 * max(preAllocatedVUs, 1000): a VU here is only an async slot and a
 * connection, so headroom is cheap, and a target that stalls long enough to
 * exhaust 1000 shows up as dropped iterations rather than a hidden queue.
 */
export function vuPool(
  peakRatePerSec: number,
  preAllocatedVUs: number | undefined,
  maxVUs: number | undefined,
): { preAllocatedVUs: number; maxVUs: number } {
  const fallbackPre = Math.max(10, Math.ceil(peakRatePerSec * 0.1));
  if (preAllocatedVUs !== undefined) {
    return { preAllocatedVUs, maxVUs: Math.max(preAllocatedVUs, maxVUs ?? preAllocatedVUs) };
  }
  if (maxVUs !== undefined) return { preAllocatedVUs: Math.min(maxVUs, fallbackPre), maxVUs };
  return { preAllocatedVUs: fallbackPre, maxVUs: Math.max(fallbackPre, 1000) };
}

type ArrivalExecutor = Extract<
  ExecutorConfig,
  { executor: 'constant-arrival-rate' | 'ramping-arrival-rate' }
>;

/** The VU pool an arrival-rate executor runs with: as given, or the defaults above at its peak rate. */
export function arrivalVuPool(e: ArrivalExecutor): { preAllocatedVUs: number; maxVUs: number } {
  const unitMs = parseDuration(e.timeUnit) || 1000;
  const peak =
    e.executor === 'constant-arrival-rate' ? e.rate : Math.max(e.startRate, ...e.stages.map((s) => s.target));
  return vuPool((peak * 1000) / unitMs, e.preAllocatedVUs, e.maxVUs);
}
