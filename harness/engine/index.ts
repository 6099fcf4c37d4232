/**
 * The load engine room: built-in engines by name, and the seam they implement.
 */
import { K6Engine } from '../k6/engine/k6-engine.ts';
import { HttpEngine, type HttpEngineOptions } from './http-engine.ts';
import type { LoadEngine } from './types.ts';

export { CPU_BOUND_CORES, GeneratorVerdict, LAG_BOUND_MS, SUSTAINED_INTERVALS } from './generator-verdict.ts';
export type { HttpClientName, HttpEngineOptions } from './http-engine.ts';
export type { ArrivalPlan, ExecutorPlan, VuPlan, VuStep } from './plan/index.ts';
export { planExecutor, vusAt } from './plan/index.ts';
export { scheduleLagHistogram, scheduleLagStats } from './schedule-lag.ts';
export type {
  VuApi,
  VuHttp,
  VuKeySpec,
  VuRequestParams,
  VuResponse,
  VuScript,
} from './script/vu-api.ts';
export type { EngineRunRequest, EngineRunResult, EngineScenario, LoadEngine } from './types.ts';

/**
 * Built-in engines, by name (no registration by import side effect): `http`,
 * harness's own, and `k6`, the k6 binary where one is installed (K6_BIN or PATH).
 */
export const engines = {
  http: (options?: HttpEngineOptions): LoadEngine => new HttpEngine(options),
  k6: (_options?: HttpEngineOptions): LoadEngine => new K6Engine(),
} satisfies Record<string, (options?: HttpEngineOptions) => LoadEngine>;

export type EngineName = keyof typeof engines;
export { type CollectedTotals, CollectingSink } from './collecting-sink.ts';
