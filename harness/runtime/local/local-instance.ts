/**
 * One running instance: spawns its prepared process, waits for readiness,
 * and offers the chaos verbs (kill, pause, resume, restart) on its process
 * group. A restart reuses the same port and the same prepared state (a
 * Postgres keeps its data dir).
 */
import { AbortedError } from '../../errors.ts';
import type { ComponentSpec } from '../topology.ts';
import type { Instance, ResourceSample } from '../types.ts';
import type { PreparedInstance } from './launchers/index.ts';
import { ManagedProcess } from './managed-process.ts';
import { ResourceSampler } from './resource-sampler.ts';
import type { RunState } from './run-state.ts';
import { waitReady } from './wait-ready.ts';

export interface InstanceContext {
  runId: string;
  runState: RunState;
  log: (line: string) => void;
}

const restartGraceMs = 3000;

export class LocalInstance implements Instance {
  readonly id: string;
  readonly component: string;
  readonly kind: ComponentSpec['kind'];
  readonly index: number;
  readonly host: string;
  readonly port: number;
  readonly url: string;
  readonly spec: ComponentSpec;
  readonly #prepared: PreparedInstance;
  readonly #ctx: InstanceContext;
  #process: ManagedProcess | undefined;
  #sampler: ResourceSampler | undefined;
  #stopped = false;

  constructor(spec: ComponentSpec, index: number, prepared: PreparedInstance, ctx: InstanceContext) {
    this.spec = spec;
    this.component = spec.name;
    this.kind = spec.kind;
    this.index = index;
    this.id = `${spec.name}-${index}`;
    this.host = prepared.host;
    this.port = prepared.port;
    this.url = prepared.url;
    this.#prepared = prepared;
    this.#ctx = ctx;
  }

  get pid(): number | undefined {
    return this.#process?.pid;
  }

  /** The output of the current (or last) process, for messages. */
  get output(): string {
    return this.#process?.tail.text() ?? '';
  }

  /** Spawns (unless external) and waits until the probe passes. */
  async launch(signal: AbortSignal): Promise<void> {
    // A restart racing the deployment's stop must not leave a new process behind.
    if (this.#stopped) throw new Error(`${this.id}: the deployment is stopped`);
    if (signal.aborted) throw new AbortedError(`start of ${this.id} aborted`);
    const spec = this.#prepared.process;
    if (spec !== undefined) {
      const proc = await ManagedProcess.spawn(spec, {
        HARNESS_RUN_ID: this.#ctx.runId,
        HARNESS_OWNER_PID: String(process.pid),
        HARNESS_INSTANCE: this.id,
      });
      this.#process = proc;
      this.#sampler = new ResourceSampler(proc.pgid, proc.startedAt);
      this.#ctx.runState.addProcess({
        instance: this.id,
        component: this.component,
        pid: proc.pid,
        pgid: proc.pgid,
        startTicks: proc.startTicks,
      });
    }
    await waitReady({
      id: this.id,
      probe: this.#prepared.probe,
      process: this.#process,
      timeoutMs: this.spec.startTimeoutMs ?? 30_000,
      signal,
      hint: this.#prepared.hint,
    });
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const proc = this.#own('kill');
    proc.signal(signal);
    // A SIGKILL is certain death: return once it happened, so callers can measure from there.
    if (signal === 'SIGKILL') await proc.waitExit(2000);
  }

  async pause(): Promise<void> {
    this.#own('pause').signal('SIGSTOP');
  }

  async resume(): Promise<void> {
    this.#own('resume').signal('SIGCONT');
  }

  async restart(): Promise<void> {
    const proc = this.#own('restart');
    await proc.stop(Date.now() + restartGraceMs);
    await this.launch(new AbortController().signal);
  }

  isRunning(): boolean {
    if (this.#prepared.process === undefined) return true;
    return this.#process?.isRunning() ?? false;
  }

  async sample(): Promise<ResourceSample> {
    if (this.#sampler === undefined || !this.isRunning()) return { ts: Date.now(), cpuCores: 0, rssBytes: 0 };
    return this.#sampler.sample();
  }

  /** Part of `Deployment.stop()`: graceful until `graceDeadline`, then SIGKILL. */
  async stop(graceDeadline: number): Promise<void> {
    this.#stopped = true;
    await this.#process?.stop(graceDeadline);
  }

  #own(verb: string): ManagedProcess {
    if (this.#process === undefined) {
      throw new Error(
        `${this.id}: cannot ${verb} an ${this.kind} component — harness did not start its process`,
      );
    }
    return this.#process;
  }
}
