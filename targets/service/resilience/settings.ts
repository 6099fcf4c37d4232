/**
 * The resilience knobs of one service process, the same for every dependency
 * (each Postgres pool, Redis, NATS gets its own instance of each). A `0`
 * turns a knob off. `RESILIENCE=on|off` picks a preset; RESILIENCE_* env
 * variables override single knobs (config.ts reads them).
 */
export const resilienceModes = ['off', 'on'] as const;
export type ResilienceMode = (typeof resilienceModes)[number];

export interface ResilienceSettings {
  mode: ResilienceMode;
  /** Deadline per call (each attempt), ms; 0 = none (the driver's own timeouts only). */
  timeoutMs: number;
  /** Extra attempts for idempotent calls; 0 = none. */
  retries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Consecutive failures that open the breaker; 0 = no count trigger. */
  breakerFailures: number;
  /** Failure rate (percent) over the window that opens the breaker; 0 = no rate trigger. */
  breakerFailureRate: number;
  breakerWindowMs: number;
  /** Calls in the window before the rate counts. */
  breakerMinCalls: number;
  /** Open → half-open after this long, ms. */
  breakerCooldownMs: number;
  /** Trial calls let through while half-open; that many successes close it. */
  breakerHalfOpenCalls: number;
  /** Calls in flight per dependency; 0 = unlimited. */
  bulkhead: number;
  /** Calls waiting for a bulkhead slot, at most; beyond that: 503 at once. */
  bulkheadQueue: number;
}

export const resiliencePresets: Record<ResilienceMode, ResilienceSettings> = {
  off: {
    mode: 'off',
    timeoutMs: 0,
    retries: 0,
    retryBaseMs: 25,
    retryMaxMs: 250,
    breakerFailures: 0,
    breakerFailureRate: 0,
    breakerWindowMs: 10_000,
    breakerMinCalls: 20,
    breakerCooldownMs: 2_000,
    breakerHalfOpenCalls: 1,
    bulkhead: 0,
    bulkheadQueue: 0,
  },
  on: {
    mode: 'on',
    timeoutMs: 1_000,
    retries: 2,
    retryBaseMs: 25,
    retryMaxMs: 250,
    breakerFailures: 5,
    breakerFailureRate: 50,
    breakerWindowMs: 10_000,
    breakerMinCalls: 20,
    breakerCooldownMs: 2_000,
    breakerHalfOpenCalls: 1,
    bulkhead: 64,
    bulkheadQueue: 64,
  },
};

export function breakerEnabled(s: ResilienceSettings): boolean {
  return s.breakerFailures > 0 || s.breakerFailureRate > 0;
}
