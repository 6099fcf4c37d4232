/**
 * The runtime room's door: the runtimes by name (an explicit map — `docker`
 * joins it later), their types, and the leftovers cleanup behind `harness clean`.
 */
import { LocalRuntime } from './local/local-runtime.ts';
import type { Runtime } from './types.ts';

export const runtimes = {
  local: (): Runtime => new LocalRuntime(),
} satisfies Record<string, () => Runtime>;

export type RuntimeName = keyof typeof runtimes;

export { type CleanOptions, type CleanResult, cleanLeftovers } from './local/clean.ts';
export { LocalRuntime, type LocalRuntimeOptions } from './local/local-runtime.ts';
export {
  type PrometheusServer,
  type PrometheusServerOptions,
  startPrometheus,
} from './local/prometheus-server.ts';
export { killAllSync } from './local/registry.ts';
export type { ComponentKind, ComponentSpec, Topology, TopologyDefinition } from './topology.ts';
export { defineTopology } from './topology.ts';
export type { Deployment, Instance, ResourceSample, Runtime, StartOptions } from './types.ts';
