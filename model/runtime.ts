/**
 * The runtime seam: a runtime starts a topology and returns a Deployment — a
 * handle that owns every process (or container) it started. A topology never
 * knows which runtime runs it.
 */
import type { EdgeProxy, EdgeProxyFactory } from './fault-proxy.ts';
import type { ComponentKind, Topology } from './topology.ts';

export interface ResourceSample {
  /** ms since epoch */
  ts: number;
  /** CPU used since the previous sample, in cores (1.0 = one full core). */
  cpuCores: number;
  /** Resident memory, bytes (sum over the instance's processes). */
  rssBytes: number;
}

/** One running instance of a component (one process tree or one container). */
export interface Instance {
  /** `<component>-<index>`, e.g. `app-0`, `postgres-1`. */
  readonly id: string;
  readonly component: string;
  readonly kind: ComponentKind;
  readonly index: number;
  readonly host: string;
  readonly port: number;
  /** Protocol URL: `http://…`, `postgres://…`, `redis://…`, `nats://…`. */
  readonly url: string;
  /** Main process id, as this machine sees it (docker: the container's main process). */
  readonly pid: number | undefined;
  /** Sends a signal to the instance's process group (default SIGKILL). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGSTOP / SIGCONT on the process group. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Stops (if running) and starts again on the same port, waiting for readiness. */
  restart(): Promise<void>;
  isRunning(): boolean;
  sample(): Promise<ResourceSample>;
  /**
   * Limits the CPU and/or memory of the instance's process tree (local: a
   * cgroup) until the handle is reverted or the deployment stops. Absent when
   * the runtime cannot.
   */
  limit?(limits: ResourceLimits): Promise<Revertible>;
  /** Starts `workers` busy-loop processes beside the instance, until reverted or stopped. */
  stressCpu?(workers: number): Promise<Revertible>;
}

export interface ResourceLimits {
  /** CPU time per wall-clock second, in cores (0.5 = half a core). */
  cpus?: number;
  /** Memory the process tree may use, bytes. */
  memoryBytes?: number;
}

/** Something applied to a deployment that can be taken back; `revert()` is idempotent. */
export interface Revertible {
  revert(): Promise<void>;
}

/**
 * One edge of the topology with fault proxies on it (`StartOptions.edgeProxies`):
 * `from` talks to every instance of `to` through `proxies[i]` (index = instance index).
 */
export interface Edge {
  readonly from: string;
  readonly to: string;
  readonly proxies: readonly EdgeProxy[];
}

export interface Deployment extends AsyncDisposable {
  readonly runId: string;
  readonly topology: Topology;
  /** Base URL of the entry component: where the load goes. */
  readonly entryUrl: string;
  readonly instances: readonly Instance[];
  /** Readiness time per component, ms from the start of the deployment (the last replica's). */
  readonly startTimes: Record<string, number>;
  /** Instances of one component, in index order. */
  component(name: string): Instance[];
  /** Edges with fault proxies on them, when started with `edgeProxies`. */
  readonly edges?: readonly Edge[];
  /**
   * Starts or stops instances of one component until it has `replicas` of
   * them, on the live deployment: a new instance gets a free port, its env
   * templates resolved, its readiness waited for, and joins every load
   * balancer in front of it (HAProxy's runtime API: the balancer is never
   * restarted) before this resolves; one that goes is drained from its
   * balancers first (no new requests, the ones in flight finish), then
   * stopped. New instances carry the run id like every other, so `stop()`,
   * Ctrl-C and `harness clean` stop them too. Calls are serialised. Absent
   * when the runtime cannot scale.
   */
  scale?(component: string, replicas: number, options?: ScaleOptions): Promise<ScaleChange>;
  /** Stops every instance in reverse start order. Idempotent. */
  stop(): Promise<void>;
}

export interface ScaleOptions {
  /** Aborting stops a scale-out in progress; the instances it started are stopped again. */
  signal?: AbortSignal;
  /** How long a balancer may take to drain an instance before it is stopped anyway, ms (default 10 000). */
  drainTimeoutMs?: number;
}

/** What one `Deployment.scale` call did. */
export interface ScaleChange {
  component: string;
  from: number;
  to: number;
  /** Instance ids started (scale-out) or stopped (scale-in). */
  added: string[];
  removed: string[];
  /** ms since epoch: when the call began, and when the last new instance served behind its balancers (or the last one was stopped). */
  startedAt: number;
  endedAt: number;
}

export interface StartOptions {
  /** Every process is tagged with it (env HARNESS_RUN_ID) so `harness clean` can find leftovers. */
  runId: string;
  /** Aborting stops a start in progress; whatever was started is stopped. */
  signal?: AbortSignal;
  /** Progress lines (`postgres-0 ready in 812 ms`). */
  log?: (line: string) => void;
  /**
   * Edges to put fault proxies on (`app->postgres`, or `*` for every `uses`
   * edge): `from` is started with the proxies' addresses in place of `to`'s,
   * so its traffic really goes through them. See `Deployment.edges`.
   */
  edgeProxies?: readonly string[];
  /** Starts the proxies of `edgeProxies` (chaos's `startFaultProxy`); required with `edgeProxies`. */
  proxyFactory?: EdgeProxyFactory;
}

export interface Runtime {
  readonly name: string;
  /**
   * Checks what this runtime needs (docker: a daemon that answers, its image)
   * so a missing piece fails before anything starts or is written. Optional:
   * `start()` checks too.
   */
  preflight?(): Promise<void>;
  /** Starts every component in dependency order; on failure stops what it started, then throws. */
  start(topology: Topology, options: StartOptions): Promise<Deployment>;
}
