/**
 * What each load profile's analysis reports — the answer the profile exists
 * for. Plain numbers, JSON-safe (never NaN or Infinity: a figure that cannot
 * be computed is `null`). Times are ms after the profile's start; rates are
 * per second; error rates are fractions 0..1 (`pp` fields are percentage
 * points). Stored as `CellResult.analysis`.
 */
import type { ThresholdResult } from './types.ts';

/** How a load level failed its SLO. */
export type FailureMode = 'latency' | 'errors' | 'throughput' | 'dropped';

/** Figures of one time window of a cell. */
export interface WindowFigures {
  /** Window [startMs, endMs) after the profile's start; an interval belongs to it when its midpoint does. */
  startMs: number;
  endMs: number;
  intervals: number;
  requests: number;
  /** Planned arrival rate (iterations/s, mean over the window); null for a window without a plan. */
  offeredRate: number | null;
  /** Completed iterations per second over the measured window. */
  achievedRate: number;
  /** achievedRate / offeredRate; null without an offered rate. */
  achievedRatio: number | null;
  /** Latency percentiles in ms over every request of the window (merged histograms); null without requests. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  errorRate: number;
  droppedIterations: number;
}

/** The scenario's thresholds evaluated over one window. */
export interface SloVerdict {
  /** False when the scenario has no thresholds: `ok` then says only that nothing failed. */
  evaluated: boolean;
  ok: boolean;
  results: ThresholdResult[];
}

/** Baseline (whole profile) and load (hold phase): reference figures and the SLO verdict. */
export interface ReferenceAnalysis {
  kind: 'baseline' | 'load';
  /** The phase the figures are over: `steady` (baseline) or `hold` (load). */
  phase: string;
  figures: WindowFigures;
  slo: SloVerdict;
}

export interface StressStep extends WindowFigures {
  /** 1-based. */
  step: number;
  /** Thresholds of the scenario over the step's window. */
  slo: SloVerdict;
  /** False for a step the run never reached (cell stopped early): it neither held nor failed. */
  ran: boolean;
  /** The step held: SLO met, throughput kept up, no more than the tolerated drops. */
  ok: boolean;
  /** Every way it failed, most telling first (latency, errors, throughput, dropped). */
  modes: FailureMode[];
}

export interface StressFailure {
  step: number;
  offeredRate: number;
  /** The first of `modes`. */
  mode: FailureMode;
  modes: FailureMode[];
  achievedRate: number;
  achievedRatio: number | null;
  p95: number | null;
  p99: number | null;
  errorRate: number;
  droppedIterations: number;
  /** The thresholds that failed at that step, with their values. */
  failedThresholds: ThresholdResult[];
}

export interface StressAnalysis {
  kind: 'stress';
  steps: StressStep[];
  /** The highest offered rate whose step held; null when not even the first did. */
  breakingPoint: {
    step: number;
    offeredRate: number;
    achievedRate: number;
    p95: number | null;
    p99: number | null;
    errorRate: number;
  } | null;
  /**
   * How the step after the breaking point failed; null when the target held
   * every step (up to maxRate) or the run stopped before that step.
   */
  failure: StressFailure | null;
  /** False when some step below the breaking point failed (a noisy or flapping target). */
  consistent: boolean;
  /** Every step ran (false for a cell stopped early). */
  complete: boolean;
  criteria: { throughputFloor: number; maxDroppedRatio: number; thresholds: number };
}

export interface SpikeAnalysis {
  kind: 'spike';
  /** The `before` phase: the band recovery is measured against. */
  baseline: WindowFigures;
  /** Recovery band: an interval is back when p95 ≤ p95MaxMs and error rate ≤ errorRateMax. */
  band: { p95MaxMs: number; errorRateMax: number } | null;
  /** Worst per-interval figures during the spike phase, and the spike window as a whole. */
  impact: {
    offeredRate: number;
    maxP95: number | null;
    maxP99: number | null;
    maxErrorRate: number;
    /** Lowest achieved/offered of one interval; null without intervals. */
    minAchievedRatio: number | null;
    droppedIterations: number;
    window: WindowFigures;
  };
  recovery: {
    recovered: boolean;
    /** From the spike's end to the first of `consecutive` in-band intervals; null when not recovered. */
    recoveryMs: number | null;
    /** When recovery started, ms after the profile's start. */
    atMs: number | null;
    consecutive: number;
    /** Worst p99 of one interval after the spike. */
    maxP99After: number | null;
  };
}

/** Least-squares line through (minutes, value) points with its 95 % confidence interval. */
export interface Trend {
  /** Units per minute. */
  slope: number;
  stdErr: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  r2: number | null;
  points: number;
  /** The 95 % CI excludes 0. */
  significant: boolean;
  /** Fitted values at the start and the end of the window. */
  start: number;
  end: number;
}

export interface MemoryDrift {
  instance: string;
  component: string;
  samples: number;
  firstMB: number;
  lastMB: number;
  /** RSS trend in MB per minute. */
  trend: Trend;
  /** Fitted growth over the window, in MB and in % of the fitted start. */
  growthMB: number;
  growthPct: number | null;
  /** Positive slope, CI excluding 0, growth above the threshold. */
  leak: boolean;
}

export interface EnduranceAnalysis {
  kind: 'endurance';
  /** Window analysed (after the settle time) and the bin width of the latency/error series. */
  window: { startMs: number; endMs: number; binMs: number };
  figures: WindowFigures;
  /** p95 in ms per minute; `drift` when significant, positive and ≥ minDriftPct over the window. */
  p95: Trend & { changePct: number | null; drift: boolean };
  /** Error rate in percentage points per minute; `drift` when significant, positive and ≥ minErrorDriftPp. */
  errorRate: Trend & { changePp: number; drift: boolean };
  memory: MemoryDrift[];
  /** Components with an instance flagged as leaking. */
  leakingComponents: string[];
  criteria: { minDriftPct: number; minErrorDriftPp: number; minGrowthPct: number; settleMs: number };
}

export type CellAnalysis = ReferenceAnalysis | StressAnalysis | SpikeAnalysis | EnduranceAnalysis;

/**
 * What a cell's load cost the target, from the sampled CPU and memory of its
 * instances over the load window (first interval start → last interval end).
 * The load generator is not part of it. Stored as `CellResult.cost`.
 */
export interface CellCost {
  /** Seconds of load the figures cover. */
  windowS: number;
  requests: number;
  /** Requests per second over the window. */
  rate: number;
  /** CPU time of every instance over the window, seconds. */
  cpuSeconds: number;
  /** cpuSeconds per 1,000 requests; null without requests. */
  cpuSecondsPer1kRequests: number | null;
  /** Mean and peak CPU of every instance together, in cores. */
  meanCores: number;
  peakCores: number;
  /** Resident memory of every instance together, bytes: time-weighted mean and peak over the window. */
  meanRssBytes: number;
  peakRssBytes: number;
  /**
   * Memory per 1,000 requests per second served: memory is held while a rate
   * is served, not spent per request, so it is normalised by the rate (a
   * count-normalised figure would shrink with the run's length). null without requests.
   */
  meanRssBytesPer1kRps: number | null;
  peakRssBytesPer1kRps: number | null;
  /** rate / meanCores: requests per second each core of the target served; null without CPU. */
  requestsPerCore: number | null;
  /** requestsPerCore when every threshold (the SLO) held; null when one failed or there were none. */
  requestsPerCoreAtSlo: number | null;
  /** Every threshold held; null without thresholds. */
  sloMet: boolean | null;
  /** The same per component (`app`, `postgres`…), instances summed. */
  byComponent: Record<string, ComponentCost>;
}

export interface ComponentCost {
  instances: number;
  cpuSeconds: number;
  meanCores: number;
  peakCores: number;
  meanRssBytes: number;
  peakRssBytes: number;
}
