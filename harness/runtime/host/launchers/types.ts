/**
 * A launcher turns one component instance into something the runtime can
 * spawn and probe. It prepares (binaries, data dirs, arguments); the runtime
 * owns spawning, readiness, restarts and teardown, the same for every kind.
 */
import type { ComponentSpec, InputProblem } from '../../../../model/index.ts';
import type { ProcessSpec } from '../managed-process.ts';
import type { Probe } from '../probes.ts';

export interface LaunchContext {
  runId: string;
  spec: ComponentSpec;
  index: number;
  /** `<component>-<index>` */
  instanceId: string;
  /** The port the runtime chose (a free one, or `spec.port`); unused by `external`. */
  port: number;
  /** `spec.env` with its templates resolved. */
  env: Record<string, string>;
  /** A new temp dir for this instance, inside the run's dir (recorded in the state file). */
  makeTempDir(): Promise<string>;
  /**
   * Another component of the topology: its spec and its instances started so
   * far — all of them, ready, for a component this one `uses`.
   */
  component(name: string): PeerComponent | undefined;
  signal: AbortSignal;
  log: (line: string) => void;
}

export interface PeerInstance {
  /** `<component>-<index>` */
  id: string;
  host: string;
  port: number;
  url: string;
}

export interface PeerComponent {
  spec: ComponentSpec;
  instances: readonly PeerInstance[];
}

export interface PreparedInstance {
  host: string;
  port: number;
  url: string;
  /** Absent: nothing to spawn (`external`). */
  process?: ProcessSpec;
  probe: Probe;
  /** Shown with a failed start. */
  hint: string;
  /** A load balancer: its backends, changed while it runs (Deployment.scale). */
  balancer?: BalancerControl;
}

/** A running load balancer's backend servers, changed live (HAProxy's runtime API). */
export interface BalancerControl {
  /** The components it balances over (its `uses`). */
  readonly over: readonly string[];
  /** Its servers now, by instance id. */
  servers(): string[];
  /** Adds an instance as a server with the configured health check; resolves once it takes traffic. */
  add(peer: PeerInstance, signal?: AbortSignal): Promise<void>;
  /** Drains a server (in-flight requests finish, no new ones; at most `drainTimeoutMs`), then deletes it. */
  remove(server: string, drainTimeoutMs: number): Promise<void>;
}

export interface Launcher {
  /** Whether the runtime should choose a port for it (not for `external`, whose URL says it). */
  readonly needsPort: boolean;
  prepare(ctx: LaunchContext): Promise<PreparedInstance>;
  /** Kind-specific checks of a spec (its settings), run before anything starts; `at` is its path. */
  validate?(spec: ComponentSpec, at: string): InputProblem[];
}

export const loopback = '127.0.0.1';

/** Env for child processes: the parent's, minus libpq's PG* (they would point clients elsewhere), plus `extra`. */
export function childEnv(extra: Record<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('PG')) delete env[key];
  return { ...env, ...extra };
}

/** `true` → `on`/`yes` as the server wants it. */
export function settingValue(value: string | number | boolean, onOff: [string, string]): string {
  if (typeof value === 'boolean') return value ? onOff[0] : onOff[1];
  return String(value);
}
