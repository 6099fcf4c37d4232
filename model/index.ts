/**
 * model/: the ground floor. What a scenario, a topology, a deployment, a
 * metric sample and a result ARE, and the pure functions that read them
 * (durations, histograms, summaries, thresholds). It imports nothing outside
 * itself (npm packages aside): every other room builds on it, and it on none.
 * No I/O, no timers, no processes here.
 */
export * from './duration.ts';
export * from './errors.ts';
export * from './fault-proxy.ts';
export * from './metrics/histogram.ts';
export * from './metrics/registry.ts';
export * from './metrics/summarize.ts';
export * from './metrics/types.ts';
export * from './results/analysis.ts';
export * from './results/capacity.ts';
export * from './results/capacity-figures.ts';
export * from './results/faults.ts';
export * from './results/gate.ts';
export * from './results/regions.ts';
export * from './results/scaling.ts';
export * from './results/types.ts';
export * from './runtime.ts';
export * from './scale.ts';
export * from './scenario/cell-executor.ts';
export * from './scenario/define.ts';
export * from './scenario/fault-schema.ts';
export * from './scenario/preset-schema.ts';
export * from './scenario/schema.ts';
export * from './scenario/vu-pool.ts';
export * from './thresholds/evaluate.ts';
export * from './thresholds/parse.ts';
export * from './topology.ts';
