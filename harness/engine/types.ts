/**
 * The load-engine seam. An engine runs one or more executors' plans at once
 * (k6 scenarios) against one base URL, pushes per-interval samples into a
 * sink and stops on an AbortSignal. It knows nothing of reports, thresholds
 * or targets.
 */
import type { ExecutorConfig, SampleSink, Workload } from '../../model/index.ts';

/** One executor of a run, with the request mix it draws from. */
export interface EngineScenario {
  /**
   * Scenario name (k6 `scenario` tag): when every scenario of the run is named,
   * each interval sample carries `byScenario`. Undefined for a single-executor run.
   */
  name?: string;
  /** Durations are final (already multiplied by --duration-scale); `startTime` delays this scenario. */
  executor: ExecutorConfig;
  workload: Workload;
}

export interface EngineRunRequest {
  /**
   * The executors to run, all at once on one HTTP client and one interval
   * recorder; the run is done when every one is. VU numbers are unique across them.
   */
  scenarios: readonly EngineScenario[];
  /** Size of the seeded key space: `{key}` is drawn from [1, items]. */
  dataset: { items: number };
  /** e.g. `http://127.0.0.1:41234` — never anything but loopback or a container harness started. */
  baseUrl: string;
  http: { timeoutMs: number; maxConnections?: number };
  sink: SampleSink;
  /** Aborting stops the run: no new iterations, in-flight requests are cancelled. */
  signal: AbortSignal;
  /** Sample interval, default 1000 ms. */
  intervalMs?: number;
  /**
   * Worker threads to spread the load over (default 1: the calling thread).
   * VUs, iteration budgets and arrival rates are split so that the union of
   * the workers' plans is the single-thread plan; their interval samples are
   * merged exactly (histograms merged, counters summed) before the sink sees them.
   */
  workers?: number;
  /**
   * A scripted iteration (k6-style) instead of the request mix (every scenario runs it): a TypeScript
   * or JavaScript module whose export (default: `default`) is
   * `async (vu: VuApi) => void`, run once per iteration. `file` is a path
   * (relative to the working directory) or a file: URL.
   */
  script?: { file: string; export?: string };
  /** Seed for the request mix, key distributions and script keys (overrides the engine's option). */
  seed?: number;
}

export interface EngineRunResult {
  /** Open model (arrival-rate executors), closed model (VU executors), or both at once (scenarios). */
  model: 'open' | 'closed' | 'mixed';
  startedAt: number;
  endedAt: number;
  aborted: boolean;
  /**
   * True when the generator, not the target, limited the run (event-loop lag
   * or CPU saturation), with the reason.
   */
  generatorBound: boolean;
  generatorNotes: string[];
  /**
   * Iterations dropped because every VU was busy waiting for the target (open
   * model): the target was too slow for the rate, or maxVUs too low. Empty when none was.
   */
  vuPoolNotes: string[];
}

export interface LoadEngine {
  readonly name: string;
  /** What results record as `environment.engine` (default: the name), e.g. `k6 v0.48.0`. */
  readonly description?: string;
  /**
   * Checks what the engine needs (the k6 binary) before anything starts; throws a
   * HarnessError with a hint (exit 5) when it is missing. Optional: the built-in engine needs nothing.
   */
  preflight?(): Promise<void>;
  run(request: EngineRunRequest): Promise<EngineRunResult>;
}
