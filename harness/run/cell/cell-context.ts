/**
 * What the steps of one cell share: the scenario and the planned cell, the
 * orchestrator's parts, the cell's stored result, its log, its own abort
 * (SIGINT/SIGTERM or an abortOnFail threshold) and its LIFO teardown stack.
 */
import type { CellResult, Deployment, Runtime, ScalerPolicy, ScenarioConfig } from '../../../model/index.ts';
import type { ArchitectureVerify } from '../../../targets/index.ts';
import type { LoadEngine } from '../../engine/index.ts';
import type { PlannedCell, RunPlan } from '../../plan/plan.ts';
import type { ResultsStore } from '../../results/index.ts';
import type { MachineCpu } from '../machine-cpu.ts';
import type { RunObserver } from '../observer.ts';
import type { TargetAdmin } from '../target-admin.ts';
import type { ArchitectureResolver } from '../target-topology.ts';
import type { TeardownStack } from '../teardown.ts';

export interface OrchestratorDeps {
  runtime: Runtime;
  engine: LoadEngine;
  resolveArch: ArchitectureResolver;
  /** A built-in architecture's own integrity checks beyond the ledger (targets: `architectureVerify`). */
  archVerify?: (arch: string) => ArchitectureVerify | undefined;
  /** A built-in architecture's scaler with these params, run during the load (targets: `architectureScaler`). */
  archScaler?: (arch: string, params: Record<string, unknown>) => ScalerPolicy | undefined;
  store: ResultsStore;
  observer: Required<RunObserver>;
  /** Aborted by SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** Seeding, read-back and metrics of built-in architectures (default: over HTTP). */
  admin?: TargetAdmin;
  /** The machine's CPU, read during capacity steps (default: /proc/stat). */
  machine?: MachineCpu;
  /** Waits with no load between capacity steps (default: a timer that the signal ends early). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface CellContext {
  scenario: ScenarioConfig;
  plan: RunPlan;
  cell: PlannedCell;
  deps: OrchestratorDeps;
  admin: TargetAdmin;
  /** The cell's entry in the results store (live: steps update it through the store). */
  result: CellResult;
  update(patch: Partial<CellResult>): void;
  log(line: string): void;
  /** The cell's own abort: the run's signal, or an abortOnFail threshold. */
  signal: AbortSignal;
  abort(reason: Error): void;
  teardown: TeardownStack;
  /** A built-in architecture (seeded, read back, scraped), not a user's own service. */
  builtIn: boolean;
}

/** The cell's deployment once started. */
export interface StartedCell {
  deployment: Deployment;
}
