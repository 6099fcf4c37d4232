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
