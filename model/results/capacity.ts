/**
 * Capacity search and scaling curves as plain data: what one step of a
 * search measured, what the planner decides next, what a finished search
 * found, the Universal Scalability Law fit of capacity against N — and how a
 * capacity cell stores all of it (`CellResult.capacity`) and a run its
 * scaling curves (`RunResults.scaling`). JSON-safe: a figure that cannot be
 * computed is `null`, never NaN or Infinity. Rates are requests per second.
 */
import type { ThresholdResult } from './types.ts';

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
  /**
   * The first rate that fails above every rate that held — the one that ends
   * the step-up and bounds the knee — is tried this many times in all when it
   * failed on the SLO or on drops only, not on throughput (default 2): one
   * slow second of a shared machine should not cap the search. Its last try counts.
   */
  failRetries?: number;
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
  | 'max-steps' // the step budget ran out: capacity is within the bracket so far
  | 'aborted'; // the cell was stopped (Ctrl-C, a failure) mid-search: the bracket so far

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

// ------------------------------------------------------- as a cell stores it

/** The capacity search a cell ran, as configured (durations already scaled by --duration-scale). */
export interface CapacitySettings {
  startRate: number;
  growth: number;
  maxRate: number;
  minRate: number;
  tolerance: number;
  /** How long each rate is held, and the first part of it left out of the measurement. */
  stepDuration: string;
  settle: string;
  maxSteps: number;
  /** Searches run one after another on the same deployment. */
  repeats: number;
  throughputFloor: number;
  maxDroppedRatio: number;
}

/** The load generator during one step (harness's own process; engine/self-watch). */
export interface StepGenerator {
  /** Mean and highest CPU of one interval, in cores. */
  meanCores: number;
  maxCores: number;
  /** Highest event-loop lag p99 of one interval, ms. */
  lagP99MaxMs: number;
  /** Worker threads the generator ran on. */
  threads: number;
  /** Why the step counts as generator-bound; empty when it does not. */
  notes: string[];
}

/** The whole machine during one step (`/proc/stat`): target, generator and whatever else ran. */
export interface StepMachine {
  cores: number;
  /** Every core's busy time over the measured window, in cores. */
  busyCores: number;
}

/** One instance's CPU over a step's measured window. */
export interface InstanceCpu {
  instance: string;
  component: string;
  /** The component kind (`service`, `postgres`, `redis`…): what it can use, see `CapacityBottleneck`. */
  kind: string;
  cores: number;
}

/** One step of a search, as it ran. */
export interface CapacityStepRecord extends CapacityStep {
  /** 1-based, in the order run (across repeats). */
  index: number;
  /** 1-based: which search of the cell. */
  repeat: number;
  phase: CapacityPhase;
  /** Why the planner chose this rate. */
  reason: string;
  /** The step's load, ms since the epoch, and its measured window (after `settle`). */
  startedAt: number;
  endedAt: number;
  window: { from: number; to: number };
  p50: number | null;
  verdict: CurvePoint['verdict'];
  failures: StepFailure[];
  /** The scenario's thresholds over the measured window. */
  thresholds: ThresholdResult[];
  generator: StepGenerator;
  machine?: StepMachine;
  /** CPU of each instance of the target over the window. */
  instances: InstanceCpu[];
}

/** One component at the knee: its CPU against what it can use. */
export interface ComponentLoad {
  component: string;
  kind: string;
  instances: number;
  /** The busiest instance's CPU, cores. */
  cores: number;
  /** What one instance of this kind can use: 1 for a single-threaded process, the machine's cores otherwise. */
  limitCores: number;
  /** cores / limitCores, 0..1+. */
  utilization: number;
}

/**
 * Where the bottleneck was, at the knee (the first failing step, else the
 * highest that held):
 * - `component`: an instance ran at ≥ SATURATED of the CPU it can use;
 * - `generator`: the load generator limited the search (its CPU or event loop);
 * - `machine`: no one instance was saturated, but the machine's cores were all busy
 *   (target, generator and other processes together);
 * - `none`: nothing was CPU-bound — the limit lies elsewhere (locks, I/O, a pool, a service time).
 */
export interface CapacityBottleneck {
  kind: 'component' | 'generator' | 'machine' | 'none';
  /** The saturated component and instance (`component`). */
  component?: string;
  instance?: string;
  /** The offered rate of the step judged. */
  atRate: number;
  /** Step index judged (`CapacityStepRecord.index`). */
  step: number;
  /** One sentence, with the numbers. */
  reason: string;
  components: ComponentLoad[];
}

/** One search of a capacity cell: the planner's result, and the bottleneck at its knee. */
export interface CapacitySearch extends CapacityResult {
  repeat: number;
  bottleneck: CapacityBottleneck | null;
}

/** A capacity cell's answer (`CellResult.capacity`). */
export interface CellCapacity {
  settings: CapacitySettings;
  /** Every step of every search, in the order run. */
  steps: CapacityStepRecord[];
  searches: CapacitySearch[];
  /** The capacity (median over the searches), req/s at the SLO; null when no step held. */
  capacity: number | null;
  /** Of the search whose capacity is the median (the one `capacityStep` belongs to). */
  bracket: CapacityResult['bracket'];
  stop: CapacityStop;
  /** Spread over the searches (and, in reports, over trials). */
  repeats: CapacityRepeats;
  /** The step the capacity was measured at: the cell's summary, thresholds and cost are over its window. */
  capacityStep: number | null;
  bottleneck: CapacityBottleneck | null;
  /** Indices of the steps the generator limited: shown, never counted. */
  generatorBoundSteps: number[];
  /** The latency-vs-rate curve of every search (CurvePoint), offered-rate order. */
  curve: CurvePoint[];
  notes: string[];
}

/** A cell of a swept target: which parameter value it ran with (`replicated[apps=2]`). */
export interface CellSweep {
  /** The target as the scenario names it, before the sweep: `replicated`. */
  target: string;
  param: string;
  value: number | string | boolean;
}

/** One point of a scaling curve: a swept value and the capacity measured at it. */
export interface ScalingPoint {
  value: number | string | boolean;
  /** The cell target's name: `replicated[apps=2]`. */
  target: string;
  /** Median over trials and repeats; null when none found one. */
  capacity: number | null;
  /** The widest bracket half-width among them. */
  halfWidth: number | null;
  /** Searches behind the point. */
  searches: number;
}

/** Capacity against a swept parameter, with the USL fitted when the values are numbers. */
export interface ScalingCurve {
  target: string;
  param: string;
  profile: string;
  points: ScalingPoint[];
  /** null with a reason when no fit could be made (fewer than 3 numeric N with a capacity, …). */
  fit: UslFit | null;
  fitNote?: string;
}
