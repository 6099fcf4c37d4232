/**
 * The public API of harness: what scenario and topology files import
 * (`import { defineScenario } from 'harness'`), the types of results, and
 * harness as a library — `runScenario` runs a scenario and returns its
 * results without touching the process (no signal handlers, no exit code,
 * nothing on stderr), as autocannon and vitest can be called.
 */

export type {
  CapacityBottleneck,
  CapacityStepRecord,
  CellCapacity,
  CellExecutor,
  CellResult,
  CellSummary,
  ComponentKind,
  ComponentSpec,
  Deployment,
  ErrorClass,
  ExecutorConfig,
  Instance,
  IntervalSample,
  LedgerEntry,
  RequestSpec,
  RequestStats,
  RunResults,
  Runtime,
  ScalingCurve,
  ScenarioConfig,
  ScenarioInput,
  ScenarioStats,
  ScenariosExecutor,
  ScenariosProfileConfig,
  TargetSpec,
  ThresholdResult,
  Topology,
  TopologyDefinition,
  Workload,
} from '../model/index.ts';
export { defineScenario, defineTopology, ExitCode, HarnessError, InvalidInputError } from '../model/index.ts';
export type {
  EngineRunRequest,
  EngineRunResult,
  EngineScenario,
  LoadEngine,
  VuApi,
  VuRequestParams,
  VuResponse,
} from './engine/index.ts';
export {
  type CapacityOverrides,
  planScenario,
  type RunObserver,
  type RunOptions,
  type RunOutcome,
  runCompare,
  runGate,
  runScenario,
  type ScenarioSource,
} from './run/index.ts';
