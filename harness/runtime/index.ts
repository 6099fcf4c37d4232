/**
 * The runtime room's door: the runtimes by name (an explicit map), their
 * types, the leftovers cleanup behind `harness clean` and the synchronous
 * last resort that removes everything this process started.
 */

import type { Runtime } from '../../model/index.ts';
import { DockerRuntime } from './docker/docker-runtime.ts';
import { LocalRuntime } from './local/local-runtime.ts';

export const runtimes = {
  local: (): Runtime => new LocalRuntime(),
  docker: (): Runtime => new DockerRuntime(),
} satisfies Record<string, () => Runtime>;

export type RuntimeName = keyof typeof runtimes;

export type {
  ComponentKind,
  ComponentSpec,
  Deployment,
  Instance,
  ResourceSample,
  Runtime,
  StartOptions,
  Topology,
  TopologyDefinition,
} from '../../model/index.ts';
export { defineTopology } from '../../model/index.ts';
export { type CleanOptions, type CleanResult, cleanLeftovers } from './clean.ts';
export { DockerRuntime, type DockerRuntimeOptions } from './docker/docker-runtime.ts';
export { hostRootImage } from './docker/host-root-image.ts';
export { label as containerLabel } from './docker/labels.ts';
export {
  isAlive,
  listPids,
  type ProcStat,
  processTree,
  readEnvVar,
  readStat,
} from './host/proc-fs.ts';
export {
  type PrometheusServer,
  type PrometheusServerOptions,
  startPrometheus,
} from './host/prometheus-server.ts';
export { stateFileOf } from './host/run-state.ts';
export { killAllSync } from './kill-all.ts';
export { removeRunGroups } from './local/cgroups/tree-limit.ts';
export { LocalRuntime, type LocalRuntimeOptions } from './local/local-runtime.ts';
