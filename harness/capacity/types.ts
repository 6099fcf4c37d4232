/**
 * Capacity search and scaling curves as plain data: what one step of a
 * search measured, what the planner decides next, what a finished search
 * found, and the Universal Scalability Law fit of capacity against N.
 */

/** What one step of a capacity search measured: one open-model rate held long enough to settle. */
export interface CapacityStep {
  /** Offered arrival rate, requests per second. */
  offered: number;
  /** Completed requests per second over the step's measured window. */
  achieved: number;
  /** Seconds of the step that were measured (its steady part). */
  durationS: number;
  /** Latency percentiles over the measured window, ms; null without requests. */
  p95: number | null;
  p99: number | null;
  /** Failed / all, 0..1; null without requests. */
  errorRate: number | null;
  /** Iterations that could not start (no free VU) during the measured window. */
  dropped: number;
  /** The load generator, not the target, was the bottleneck of this step. */
  generatorBound: boolean;
  /** The scenario's thresholds (the SLO) held over the step's window. */
  sloMet: boolean;
  /** Mean CPU in cores per component of the target over the step (`app`, `postgres`…), if sampled. */
  cpu?: Readonly<Record<string, number>>;
}

/** Why a step did not hold: the SLO failed, the target fell behind the offered rate, or iterations were dropped. */
export type StepFailure = 'slo' | 'throughput' | 'dropped';

export interface CapacityOptions {
  /** The first rate offered, req/s. */
  startRate: number;
  /** Step-up factor while every step holds (default 2). */
  growth?: number;
  /** Never offer more than this (default: unbounded). */
  maxRate?: number;
  /** Below this a first failing rate is not halved further (default startRate / 64). */
  minRate?: number;
  /** Stop bisecting when (fail − pass) ≤ tolerance × pass (default 0.05). */
  tolerance?: number;
  /** A step keeps up when achieved ≥ this × offered (default 0.95, as the stress preset). */
  throughputFloor?: number;
  /** A step may drop at most this fraction of its offered iterations (default 0.01). */
  maxDroppedRatio?: number;
  /** At most this many steps, generator-bound ones included (default 20). */
  maxSteps?: number;
  /** A generator-bound rate is tried this many times in all before the search gives up on it (default 2). */
  generatorRetries?: number;
}

export type CapacityPhase = 'step-up' | 'step-down' | 'bisect' | 'retry';

/** One point of the latency-vs-rate curve, in offered-rate order. */
export interface CurvePoint {
  offered: number;
  achieved: number;
  p95: number | null;
  p99: number | null;
  errorRate: number | null;
  /** `pass`: held; `fail`: did not (see `failures`); `generator-bound`: neither, the generator limited it. */
  verdict: 'pass' | 'fail' | 'generator-bound';
  failures: StepFailure[];
}

/** Why the search stopped. */
export type CapacityStop =
  | 'converged' // the bracket between the last pass and the first fail is within the tolerance
  | 'max-rate' // even maxRate held: capacity is at least maxRate
  | 'min-rate' // even minRate failed: no capacity found
  | 'generator' // the generator could not offer more: capacity is at least the last pass
  | 'max-steps'; // the step budget ran out: capacity is within the bracket so far

export interface CapacityResult {
  /**
   * The highest offered rate that held (req/s): demonstrated, so what one
   * can promise. null when no step held.
   */
  capacity: number | null;
  /**
   * Where the knee lies: at or above `lower` (the capacity), below `upper`
   * (the lowest failing rate); `upper` null when no informative step failed
   * (capacity is a lower bound). `halfWidth` = (upper − lower) / 2.
   */
  bracket: { lower: number | null; upper: number | null; halfWidth: number | null };
  stop: CapacityStop;
  /** Every step, by offered rate; generator-bound ones flagged and never counted. */
  curve: CurvePoint[];
  /** The component using the most CPU at the first failing rate (the likely bottleneck), when sampled. */
  hottest: { component: string; cores: number; atRate: number } | null;
  steps: number;
  notes: string[];
}

export type CapacityDecision =
  | { action: 'run'; rate: number; phase: CapacityPhase; reason: string }
  | { action: 'stop'; result: CapacityResult };

/** Several searches of one target (trials): the median capacity and its spread. */
export interface CapacityRepeats {
  /** Median of the repeats' capacities; null if none found one. */
  capacity: number | null;
  min: number | null;
  max: number | null;
  /** (max − min) / median; null with fewer than 2 capacities. */
  spread: number | null;
  /** The widest bracket half-width among the repeats. */
  halfWidth: number | null;
  repeats: number;
}

/** X(N) = λN / (1 + σ(N−1) + κN(N−1)) fitted to measured capacity per N. */
export interface UslFit {
  /** Throughput of one unit (the fitted X(1)). */
  lambda: number;
  /** Contention (serial fraction), 0..1. */
  sigma: number;
  /** Coherency (crosstalk) cost, ≥ 0. */
  kappa: number;
  /** N at which throughput peaks, sqrt((1−σ)/κ); null when κ = 0 (no peak: it only flattens). */
  peakN: number | null;
  /** Fitted throughput at peakN; with κ = 0 and σ > 0, the asymptote λ/σ; null when unbounded. */
  peakX: number | null;
  /** Coefficient of determination of the fit on X; null with no degrees of freedom left. */
  r2: number | null;
  /** Root mean square of the residuals, in units of X. */
  rmse: number;
  /** Points minus the 3 fitted parameters. */
  dof: number;
  points: { n: number; x: number; fitted: number; residual: number }[];
  notes: string[];
}
