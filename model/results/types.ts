/**
 * The results file: `results/<run-id>/results.json`. One versioned schema,
 * rewritten atomically as the run goes, so a crash leaves a readable partial
 * run (status `running`/`aborted`, cells marked as far as they got).
 * Reports are a pure function of this file.
 */

import type { IntervalSample, LedgerEntry } from '../metrics/types.ts';
import type { ResourceSample } from '../runtime.ts';
import type { LoadModel } from '../scenario/cell-executor.ts';
import type { PresetConfig } from '../scenario/preset-schema.ts';
import type { CellExecutor } from '../scenario/schema.ts';
import type { CellAnalysis, CellCost } from './analysis.ts';
import type { CellCapacity, CellSweep, ScalingCurve } from './capacity.ts';
import type { FaultImpact, FaultRecord } from './faults.ts';
import type { CellRegions } from './regions.ts';
import type { CellScaling } from './scaling.ts';

/**
 * 2: a cell's `executor` may be a profile's concurrent scenarios
 * (`executor: 'scenarios'`), its `model` may be `mixed`, and interval samples
 * may carry `byScenario`. A schema-1 file is a valid schema-2 file, so the
 * reader takes both (`READABLE_SCHEMA_VERSIONS`).
 */
export const SCHEMA_VERSION = 2;
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, 2];

export type RunStatus = 'running' | 'completed' | 'failed' | 'aborted';
export type CellStatus = 'pending' | 'running' | 'completed' | 'failed' | 'aborted' | 'skipped';

export interface EnvironmentInfo {
  harnessVersion: string;
  node: string;
  platform: string;
  kernel: string;
  hostname: string;
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  runtime: string;
  engine: string;
  /** Versions of the servers used (`postgres: 15.18`), as they reported them. */
  serverVersions: Record<string, string>;
}

/** Latency statistics in milliseconds. */
export interface LatencyStats {
  avg: number;
  min: number;
  med: number;
  max: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
}

export interface RequestSummary {
  count: number;
  /** Requests per second over the measured window. */
  rate: number;
  failed: number;
  errorRate: number;
  duration: LatencyStats;
}

/** Cell-level figures, computed from the intervals (see metrics/summarize.ts). */
export interface CellSummary {
  /** Measured window in ms (first interval start → last interval end). */
  durationMs: number;
  requests: number;
  rate: number;
  failed: number;
  errorRate: number;
  errors: Record<string, number>;
  statuses: Record<string, number>;
  /** k6 `http_req_duration` (open model: from the intended start). */
  duration: LatencyStats;
  /** Open model only: service time from the actual send. */
  serviceTime?: LatencyStats;
  iterations: number;
  droppedIterations: number;
  vusMax: number;
  dataSent: number;
  dataReceived: number;
  byRequest: Record<string, RequestSummary>;
  /** Concurrent scenarios (schema 2): iterations, dropped iterations and most VUs of each. */
  byScenario?: Record<string, ScenarioSummary>;
}

export interface ScenarioSummary {
  iterations: number;
  droppedIterations: number;
  vusMax: number;
}

export interface ThresholdResult {
  /** Metric with its tag filter, as written: `http_req_duration{name:read}`. */
  metric: string;
  /** The expression as written: `p(95)<200`. */
  expression: string;
  ok: boolean;
  /** The value the expression compared (ms for durations), null when the metric had no samples. */
  actual: number | null;
  abortOnFail: boolean;
  /** Set when an abortOnFail threshold stopped the run. */
  abortedRun?: boolean;
}

export interface ComponentResources {
  /** Instance id → samples over the cell. */
  [instanceId: string]: ResourceSample[];
}

export interface IntegrityReport {
  /** Acknowledged writes checked. */
  checked: number;
  /** Acknowledged writes not found, plus every failure of the architecture's own `checks`. */
  lost: number;
  stale: number;
  duplicated: number;
  /** A few example ids per problem, for the report. */
  examples: { lost: string[]; stale: string[]; duplicated: string[] };
  /** The architecture's own checks beyond the ledger (half-done sagas, event-log order). */
  checks?: IntegrityCheck[];
}

/** One integrity check of an architecture beyond the ledger (targets/<arch>: `verify`). */
export interface IntegrityCheck {
  /** What is checked: `half-done sagas`, `event log`. */
  name: string;
  /** How many things it looked at (sagas, aggregates). */
  checked: number;
  /** How many failed it: counted as lost data. */
  failed: number;
  /** A few of them, for the report: `sagas/812: payment charged, order cancelled`. */
  examples: string[];
  /** Further figures of the check by name (`committed`, `compensated`). */
  figures?: Record<string, number>;
}

/**
 * The load a cell ran after seeding and before the measured profile: its own
 * intervals, never in the cell's intervals, summary, thresholds or analysis.
 */
export interface WarmupResult {
  /** What ran (durations scaled). */
  executor: CellExecutor;
  startedAt: number;
  endedAt?: number;
  intervals: IntervalSample[];
  summary?: CellSummary;
}

/** One fault of a cell's schedule as it really happened, with what it cost. */
export type CellFault = FaultRecord & { impact?: FaultImpact };

export interface CellResult {
  /** `<target>/<profile>/<trial>` */
  id: string;
  target: string;
  /** Built-in architecture name, or `url` / `command` for a user's own service. */
  targetKind: string;
  profile: string;
  /** Fault schedule of the cell (`faults` in the scenario); absent: no faults. */
  schedule?: string;
  trial: number;
  /**
   * The executor as run (after --duration-scale); since schema 2 it may be
   * `{ executor: 'scenarios', scenarios: { name: executor } }` — a profile's
   * concurrent scenarios.
   */
  executor: CellExecutor;
  /**
   * The load-profile preset the executor was expanded from, if any. A
   * `capacity` preset's executor is its first step's; the steps it really ran
   * are in `capacity.steps`.
   */
  preset?: PresetConfig;
  /** A swept target's cell (`replicated[apps=2]`): the parameter and the value it ran with. */
  sweep?: CellSweep;
  /** `mixed` (schema 2): a scenarios profile with open- and closed-model scenarios. */
  model: LoadModel;
  status: CellStatus;
  startedAt?: number;
  endedAt?: number;
  /** Readiness time per component in ms, and the total. */
  startup?: { totalMs: number; components: Record<string, number> };
  /** Seeding time in ms and row count. */
  seed?: { ms: number; items: number };
  /** The warm-up after seeding (scenario `warmup`), kept apart from the measured intervals. */
  warmup?: WarmupResult;
  /** The measured load's interval samples (never the warm-up's). */
  intervals: IntervalSample[];
  resources?: ComponentResources;
  summary?: CellSummary;
  thresholds?: ThresholdResult[];
  integrity?: IntegrityReport;
  /** Faults applied and reverted during the load, with real timestamps and their impact. */
  faults?: CellFault[];
  /** Faults of the schedule that could not be applied, with the reason. */
  faultFailures?: { label: string; error: string }[];
  /** What the preset exists to answer: breaking point, spike recovery, drift. */
  analysis?: CellAnalysis;
  /** What the load cost the target: CPU-seconds per 1,000 requests, memory, requests per core (from `resources`). */
  cost?: CellCost;
  /**
   * A `capacity` preset's answer: every step, the latency-vs-rate curve, the
   * capacity with its bracket, why the search stopped, the bottleneck. Such a
   * cell's `intervals` hold every step; its `summary`, `thresholds` and `cost`
   * are over the measured window of the step at its capacity (none held: the
   * lowest step run), so the SLO verdict and "requests per core at the SLO"
   * are those at the capacity.
   */
  capacity?: CellCapacity;
  /**
   * Prometheus counters and gauges of every service/worker instance at the end
   * of the load (`instance id → name{labels} → value`): database reads per
   * replica, cache hits, writes per shard, queue latency sums.
   */
  targetMetrics?: Record<string, Record<string, number>>;
  /** An architecture with a scaler (autoscaled): its policy, every scale event, the replicas per interval. */
  scaling?: CellScaling;
  /** Clients with a home region (executors with an `entry`, multi-region): latency and failures per region. */
  regions?: CellRegions;
  /** The load generator, not the target, limited the run (event-loop lag, CPU), and why. */
  generatorBound?: boolean;
  generatorNotes?: string[];
  /** Iterations dropped because every VU was busy waiting for the target: slow target, or maxVUs too low. */
  vuPoolNotes?: string[];
  error?: { code: string; message: string };
}

export interface RunResults {
  /** SCHEMA_VERSION when written by this harness; 1 in files written before schema 2. */
  schemaVersion: 1 | typeof SCHEMA_VERSION;
  runId: string;
  status: RunStatus;
  startedAt: number;
  endedAt?: number;
  scenario: {
    name: string;
    description?: string;
    /** Path of the scenario file as given. */
    file: string;
    /** sha256 of the file's bytes. */
    hash: string;
    /** The validated scenario, as run (JSON-safe). */
    config: unknown;
  };
  options: { durationScale: number; targets?: string[]; trials: number; runtime: string };
  environment: EnvironmentInfo;
  cells: CellResult[];
  /** Capacity against each swept parameter (`sweep` in the scenario), with the USL fit. */
  scaling?: ScalingCurve[];
  /** Overall verdict once the run ended. */
  verdict?: { thresholdsOk: boolean; failedThresholds: number; exitCode: number; reason?: string };
}

/** Ledger of acknowledged writes kept beside results (`ledger.jsonl`), one line per write. */
export type LedgerLine = LedgerEntry & { cell: string };
