/**
 * The public API of harness: what scenario and topology files import
 * (`import { defineScenario } from 'harness'`), and the types of results.
 */

export type {
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
export type { VuApi, VuRequestParams, VuResponse } from './engine/index.ts';
export type { EngineRunRequest, EngineRunResult, EngineScenario, LoadEngine } from './engine/types.ts';
