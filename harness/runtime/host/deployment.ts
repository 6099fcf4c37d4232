/**
 * A running topology on this machine (its instances processes or containers,
 * see start-topology.ts). `stop()` goes level by level from the
 * top of the dependency graph (the LIFO of starting; the members of a level
 * stop together), gives every instance a graceful stop until one shared
 * deadline and forces what is left — so a stop takes at most ~2.5 s however
 * many instances there are. Edge proxies stop right after their `from`
 * component (before `to`). Then it removes the run's temp dir and state file.
 * `scale()` (scale-component.ts) adds and removes instances of a component
 * while it runs; a stop aborts a scale in progress and waits for it first.
 */
import { rm } from 'node:fs/promises';
import type {
  Deployment,
  Edge,
  Instance,
  ScaleChange,
  ScaleOptions,
  Topology,
} from '../../../model/index.ts';
import { TargetStartError } from '../../../model/index.ts';
import { stopEdge } from './edge-proxies.ts';
import { releasePort } from './free-port.ts';
import type { HostedInstance } from './instance-host.ts';
import type { BalancerControl } from './launchers/types.ts';
import { registry } from './registry.ts';
import type { RunState } from './run-state.ts';
import { scaleComponent } from './scale-component.ts';
import type { StartContext } from './start-instance.ts';

const gracefulStopMs = 2000;

export class HostDeployment implements Deployment {
  readonly runId: string;
  readonly topology: Topology;
  readonly startTimes: Record<string, number> = {};
  readonly #instances: HostedInstance[] = [];
  readonly #edges: Edge[] = [];
  readonly #levels: Map<string, number>;
  readonly #runDir: string;
  readonly #runState: RunState;
  /** Load balancers by instance id: their backends change when a component they balance over scales. */
  readonly #balancers = new Map<string, BalancerControl>();
  /** Next index per component: ids are never reused within a deployment. */
  readonly #nextIndex = new Map<string, number>();
  #scaling: Omit<StartContext, 'signal'> | undefined;
  /** The scale in progress (calls are serialised), and the abort a stop sends it. */
  #scaleQueue: Promise<unknown> = Promise.resolve();
  readonly #scaleAbort = new AbortController();
  #stopping: Promise<void> | undefined;

  constructor(opts: {
    runId: string;
    topology: Topology;
    levels: Map<string, number>;
    runDir: string;
    runState: RunState;
  }) {
    this.runId = opts.runId;
    this.topology = opts.topology;
    this.#levels = opts.levels;
    this.#runDir = opts.runDir;
    this.#runState = opts.runState;
  }

  get instances(): readonly Instance[] {
    return this.#instances;
  }

  get entryUrl(): string {
    return this.component(this.topology.entry)[0]?.url ?? '';
  }

  component(name: string): HostedInstance[] {
    return this.#instances.filter((i) => i.component === name).sort((a, b) => a.index - b.index);
  }

  get edges(): readonly Edge[] {
    return this.#edges;
  }

  /** An edge whose proxies are running; they stop with the deployment. */
  addEdge(edge: Edge): void {
    this.#edges.push(edge);
  }

  /**
   * Called as soon as an instance exists — before it is ready — so a failed start stops it too.
   * A load balancer comes with the control of its backends.
   */
  add(instance: HostedInstance, balancer?: BalancerControl): void {
    if (this.#stopping !== undefined) throw new Error(`${instance.id}: the deployment is stopping`);
    this.#instances.push(instance);
    if (balancer !== undefined) this.#balancers.set(instance.id, balancer);
    const next = this.#nextIndex.get(instance.component) ?? 0;
    this.#nextIndex.set(instance.component, Math.max(next, instance.index + 1));
  }

  /** An instance stopped already (a retried start, a scale-in): no longer part of the deployment. */
  remove(instance: HostedInstance): void {
    const at = this.#instances.indexOf(instance);
    if (at >= 0) this.#instances.splice(at, 1);
    this.#balancers.delete(instance.id);
  }

  /** The load balancers whose backends are `component`'s instances. */
  balancersOver(component: string): BalancerControl[] {
    return [...this.#balancers.values()].filter((b) => b.over.includes(component));
  }

  nextIndex(component: string): number {
    const next = this.#nextIndex.get(component) ?? 0;
    this.#nextIndex.set(component, next + 1);
    return next;
  }

  /** Set once the start succeeded: what later starts of instances (scale) need. */
  enableScaling(ctx: Omit<StartContext, 'signal'>): void {
    this.#scaling = ctx;
  }

  scale(component: string, replicas: number, options: ScaleOptions = {}): Promise<ScaleChange> {
    const ctx = this.#scaling;
    if (ctx === undefined) return Promise.reject(new TargetStartError('the deployment has not started'));
    if (this.#stopping !== undefined)
      return Promise.reject(new TargetStartError(`cannot scale ${component}: the deployment is stopping`));
    const signal =
      options.signal === undefined
        ? this.#scaleAbort.signal
        : AbortSignal.any([options.signal, this.#scaleAbort.signal]);
    const run = this.#scaleQueue.then(() => {
      signal.throwIfAborted();
      return scaleComponent(this, { ...ctx, signal }, component, replicas, options);
    });
    this.#scaleQueue = run.catch(() => {});
    return run;
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  async #stop(): Promise<void> {
    // A scale-out in progress stops what it started; then nothing changes the instances any more.
    this.#scaleAbort.abort(new Error('the deployment is stopping'));
    await this.#scaleQueue;
    const deadline = Date.now() + gracefulStopMs;
    const levelOf = (component: string) => this.#levels.get(component) ?? 0;
    const levels = [
      ...new Set([
        ...this.#instances.map((i) => levelOf(i.component)),
        ...this.#edges.map((e) => levelOf(e.from)),
      ]),
    ].sort((a, b) => b - a);
    for (const level of levels) {
      const members = this.#instances.filter((i) => levelOf(i.component) === level);
      await Promise.all(members.map((i) => i.stop(deadline)));
      // After `from` (no client left to hang on them), before `to`.
      await Promise.all(this.#edges.filter((e) => levelOf(e.from) === level).map(stopEdge));
    }
    for (const instance of this.#instances) releasePort(instance.port);
    // Retries: a SIGKILLed Postgres child may still be closing files for a moment.
    await rm(this.#runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    registry.removeDir(this.#runDir);
    this.#runState.remove();
  }
}
