/**
 * Executor plans: pure functions of an executor's config, testable as data
 * (k6 keeps executor config and planning apart from the executor that runs).
 * Every offset is in milliseconds after the executor's own start, that is
 * after `startTimeMs` from the start of the run.
 */

/** From `atMs` on, `vus` VUs should be running (until the next step). */
export interface VuStep {
  atMs: number;
  vus: number;
}

/** The iteration budget of a closed-model executor. */
export type IterationBudget =
  | { kind: 'time' }
  | { kind: 'shared'; total: number }
  | { kind: 'per-vu'; perVu: number };

/** Closed model: a target VU count over time (constant-vus, ramping-vus, *-iterations). */
export interface VuPlan {
  model: 'closed';
  executor: 'constant-vus' | 'ramping-vus' | 'shared-iterations' | 'per-vu-iterations';
  startTimeMs: number;
  /** Target VU count over time; the last step is always `{ atMs: endMs, vus: 0 }`. */
  steps: VuStep[];
  /** No iteration starts after this offset (duration, sum of stages or maxDuration). */
  endMs: number;
  /** In-flight iterations may finish until `endMs + gracefulStopMs`, then they are interrupted. */
  gracefulStopMs: number;
  /** A VU ramped down may finish its iteration for this long (ramping-vus; 0 elsewhere). */
  gracefulRampDownMs: number;
  /** Most VUs the plan ever runs at once (sizes the connection pool). */
  maxVus: number;
  iterations: IterationBudget;
}

/** Open model: the intended start time of every iteration (arrival-rate executors). */
export interface ArrivalPlan {
  model: 'open';
  executor: 'constant-arrival-rate' | 'ramping-arrival-rate';
  startTimeMs: number;
  /** No iteration is scheduled at or after this offset. */
  endMs: number;
  gracefulStopMs: number;
  preAllocatedVUs: number;
  maxVUs: number;
  /** Highest arrival rate of the plan, iterations per second. */
  peakRatePerSec: number;
  /** How many iterations the plan starts in all. */
  totalIterations: number;
  /** Intended start of the n-th iteration (0-based, n < totalIterations), ms after the executor's start. */
  startOf(n: number): number;
}

export type ExecutorPlan = VuPlan | ArrivalPlan;

/** k6's default for gracefulStop and gracefulRampDown. */
export const DEFAULT_GRACEFUL_MS = 30_000;
