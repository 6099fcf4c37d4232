/**
 * Where instances run — processes (local) or containers (docker) — as the
 * shared start loop (start-topology.ts) and deployment (deployment.ts) see it.
 */
import type { ComponentSpec, Instance } from '../../../model/index.ts';
import type { LauncherOptions, PreparedInstance } from './launchers/index.ts';
import type { RunState } from './run-state.ts';

/** An instance as a host makes it: an `Instance` that the start and the deployment drive. */
export interface HostedInstance extends Instance {
  /** Starts it (unless external) and waits until its probe passes; throws `EarlyExitError` when it dies first. */
  launch(signal: AbortSignal): Promise<void>;
  /** Part of `Deployment.stop()`: graceful until `graceDeadline`, then forced. */
  stop(graceDeadline: number): Promise<void>;
}

export interface HostContext {
  runId: string;
  runState: RunState;
  log: (line: string) => void;
  /** The temp dirs its launcher made for this instance (its data, config, sockets). */
  dirs: readonly string[];
}

/** Where instances run: processes (local) or containers (docker). */
export interface InstanceHost {
  readonly launcherOptions: LauncherOptions;
  create(spec: ComponentSpec, index: number, prepared: PreparedInstance, ctx: HostContext): HostedInstance;
}
