/**
 * A running topology on this machine (its instances processes or containers,
 * see start-topology.ts). `stop()` goes level by level from the
 * top of the dependency graph (the LIFO of starting; the members of a level
 * stop together), gives every instance a graceful stop until one shared
 * deadline and forces what is left — so a stop takes at most ~2.5 s however
 * many instances there are. Edge proxies stop right after their `from`
 * component (before `to`). Then it removes the run's temp dir and state file.
 */
import { rm } from 'node:fs/promises';
import type { Deployment, Edge, Instance, Topology } from '../../../model/index.ts';
import { stopEdge } from './edge-proxies.ts';
import { releasePort } from './free-port.ts';
import type { HostedInstance } from './instance-host.ts';
import { registry } from './registry.ts';
import type { RunState } from './run-state.ts';

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

  /** Called as soon as an instance exists — before it is ready — so a failed start stops it too. */
  add(instance: HostedInstance): void {
    this.#instances.push(instance);
  }

  /** An attempt that was retried on another port: stopped already, no longer part of the deployment. */
  remove(instance: HostedInstance): void {
    const at = this.#instances.indexOf(instance);
    if (at >= 0) this.#instances.splice(at, 1);
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  async #stop(): Promise<void> {
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
