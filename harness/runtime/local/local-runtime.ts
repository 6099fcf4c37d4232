/**
 * The local runtime: real servers as processes on 127.0.0.1, no Docker.
 * The start itself (order, concurrency, edge proxies, teardown on failure)
 * is start-topology.ts; here each instance is a process group (LocalInstance).
 */
import type { Deployment, Runtime, StartOptions, Topology } from '../../../model/index.ts';
import type { LauncherOptions } from '../host/launchers/index.ts';
import { startTopology } from '../host/start-topology.ts';
import { LocalInstance } from './local-instance.ts';

export type LocalRuntimeOptions = LauncherOptions;

export class LocalRuntime implements Runtime {
  readonly name = 'local';
  readonly #options: LocalRuntimeOptions;

  constructor(options: LocalRuntimeOptions = {}) {
    this.#options = options;
  }

  start(topology: Topology, options: StartOptions): Promise<Deployment> {
    return startTopology(topology, options, {
      launcherOptions: this.#options,
      create: (spec, index, prepared, ctx) => new LocalInstance(spec, index, prepared, ctx),
    });
  }
}
