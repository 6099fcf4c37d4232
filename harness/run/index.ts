/**
 * The run wing's door: running a scenario (planned first: invalid input
 * starts nothing), ad-hoc load on one URL, keeping a target up, gating and
 * comparing stored runs, and writing a run's reports; the scaler loop a
 * cell runs for an autoscaled architecture, for tests on real deployments.
 */

export { type CapacityOverrides, timedSchedules, withCapacityProfile } from './capacity-profile.ts';
export { ScalerLoop, type ScalerLoopOptions } from './cell/scaler-loop.ts';
export { formatLoadSummary } from './load-summary.ts';
export { type LoadUrlOptions, type LoadUrlOutcome, loadUrl, planLoad } from './load-url.ts';
export { combineObservers, type RunObserver } from './observer.ts';
export type { PrometheusInfo, PrometheusOptions } from './prometheus-export.ts';
export { type RunCompareOptions, runCompare } from './run-compare.ts';
export { type RunGateOptions, runDir, runGate } from './run-gate.ts';
export {
  planScenario,
  type RunOptions,
  type RunOutcome,
  runScenario,
  type ScenarioSource,
} from './run-scenario.ts';
export { seedDataset, verifyLedger } from './service-admin.ts';
export { parseParams, targetsUp } from './targets-up.ts';
export { writeReports } from './write-reports.ts';
