/**
 * The public API of harness: what scenario and topology files import
 * (`import { defineScenario } from 'harness'`), and the types of results.
 */

export type { VuApi, VuRequestParams, VuResponse } from './engine/index.ts';
export type { EngineRunRequest, EngineRunResult, EngineScenario, LoadEngine } from './engine/types.ts';
export { ExitCode, HarnessError, InvalidInputError } from './errors.ts';
export type {
  ErrorClass,
  IntervalSample,
  LedgerEntry,
  RequestStats,
  ScenarioStats,
} from './metrics/types.ts';
export type { CellResult, CellSummary, RunResults, ThresholdResult } from './results/types.ts';
export type { ComponentKind, ComponentSpec, Topology, TopologyDefinition } from './runtime/topology.ts';
export { defineTopology } from './runtime/topology.ts';
export type { Deployment, Instance, Runtime } from './runtime/types.ts';
export { defineScenario } from './scenario/define.ts';
export type {
  CellExecutor,
  ExecutorConfig,
  RequestSpec,
  ScenarioConfig,
  ScenarioInput,
  ScenariosExecutor,
  ScenariosProfileConfig,
  TargetSpec,
  Workload,
} from './scenario/schema.ts';
