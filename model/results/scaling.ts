/**
 * A scaler's policy and what it did during a cell (`cells[].scaling`): every
 * scale event, the replicas serving at the end of each interval, and what
 * that bought during a spike. The policy is declared by an architecture
 * (targets: `scaler`), the loop runs in harness (run/cell/autoscale.ts).
 */

export const scaleMetrics = ['cpu', 'p95'] as const;
export type ScaleMetric = (typeof scaleMetrics)[number];

export interface ScalerPolicy {
  /** The component that scales (behind its load balancer). */
  component: string;
  /**
   * `cpu`: mean CPU of the component's serving replicas, in cores (0.6 = 60 %
   * of one core), from the resource sampler; `p95`: http_req_duration p95 of
   * the last interval, ms, from the load generator.
   */
  metric: ScaleMetric;
  /** The value the scaler steers the metric to (cores per replica, or ms). */
  target: number;
  min: number;
  max: number;
  /** Most replicas added or removed by one decision. */
  step: number;
  /** Scale-down stabilisation window, ms. */
  cooldownMs: number;
  /** No change while metric / target is within 1 ± tolerance (HPA: 0.1). */
  tolerance: number;
  /** How often the scaler decides, ms (at most once per interval sample). */
  periodMs: number;
}

/** One change the scaler decided, and what the runtime made of it. */
export interface ScaleEvent {
  /** ms since epoch: the end of the interval whose measurement decided it. */
  decidedAt: number;
  /** When the added replicas served behind the balancer, or the leaving ones were stopped; absent while under way or after a failure. */
  doneAt?: number;
  from: number;
  to: number;
  /** The measurement that decided it (cores per replica, or ms). */
  value: number;
  /** `p95 412 ms > 100 ms target; step 1`. */
  reason: string;
  added: string[];
  removed: string[];
  error?: string;
}

/** The scaler's view at the end of one interval. */
export interface ReplicaSample {
  /** ms since epoch: the end of the interval. */
  ts: number;
  /** Replicas serving (behind the balancer; one being drained no longer counts). */
  replicas: number;
  /** What the last decision wanted. */
  desired: number;
  /** The measurement of the interval; null when there was none. */
  metric: number | null;
}

/** What scaling bought during the cell: times are ms after the load started, latencies ms. */
export interface ScalingAnalysis {
  /** The spike phase of a `spike` preset; null for other profiles. */
  spikeStartMs: number | null;
  spikeEndMs: number | null;
  /** The first scale-out decided at or after the spike's start (the load's start without a spike). */
  firstScaleOut: { decidedMs: number; servingMs: number | null; to: number } | null;
  /** From the spike's start to the first added replica serving. */
  timeToCapacityMs: number | null;
  peakReplicas: number;
  /** p95 before the spike; from the spike's start until added capacity served; from then to the spike's end. */
  p95BeforeSpike: number | null;
  p95UntilCapacity: number | null;
  p95AfterCapacity: number | null;
}

export interface CellScaling {
  policy: ScalerPolicy;
  /** One per interval sample of the cell, in order. */
  replicas: ReplicaSample[];
  events: ScaleEvent[];
  analysis?: ScalingAnalysis;
}
