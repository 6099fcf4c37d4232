/**
 * One running instance: spawns its prepared process, waits for readiness,
 * and offers the chaos verbs (kill, pause, resume, restart) on its process
 * group. A restart reuses the same port and the same prepared state (a
 * Postgres keeps its data dir). Resource faults — cgroup limits, CPU hogs —
 * are released when the instance stops, whether or not they were reverted.
 */

import type {
  ComponentSpec,
  Instance,
  ResourceLimits,
  ResourceSample,
  Revertible,
} from '../../../model/index.ts';
import { AbortedError } from '../../../model/index.ts';
import { CpuHogs } from '../host/cpu-hog.ts';
import type { PreparedInstance } from '../host/launchers/index.ts';
import { ManagedProcess } from '../host/managed-process.ts';
import { processTree } from '../host/proc-fs.ts';
import type { RunState } from '../host/run-state.ts';
import { waitReady } from '../host/wait-ready.ts';
import { limitTree, type TreeLimit } from './cgroups/tree-limit.ts';
import { ResourceSampler } from './resource-sampler.ts';

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
  readonly #limits = new Set<TreeLimit>();
  readonly #hogs: CpuHogs;

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
    this.#hogs = new CpuHogs({ runId: ctx.runId, instanceId: this.id, runState: ctx.runState });
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

  async limit(limits: ResourceLimits): Promise<Revertible> {
    const proc = this.#own('limit');
    if (this.#stopped) throw new Error(`${this.id}: the deployment is stopped`);
    const pids = () => {
      const current = this.#process ?? proc;
      const tree = processTree(current.pgid).map((s) => s.pid);
      // Leader first: its cgroup is where the group is made.
      return [current.pid, ...tree.filter((pid) => pid !== current.pid)];
    };
    const limit = await limitTree(`harness-${this.#ctx.runId}-${this.id}`, pids, limits);
    this.#limits.add(limit);
    const what = [
      limits.cpus === undefined ? '' : `${limits.cpus} cpus`,
      limits.memoryBytes === undefined ? '' : `${limits.memoryBytes} bytes`,
    ].filter(Boolean);
    this.#ctx.log(`${this.id} limited to ${what.join(', ')} (${limit.groups.join(', ')})`);
    return {
      revert: async () => {
        if (this.#limits.delete(limit)) await limit.release();
      },
    };
  }

  async stressCpu(workers: number): Promise<Revertible> {
    if (this.#stopped) throw new Error(`${this.id}: the deployment is stopped`);
    return this.#hogs.start(workers);
  }

  /** Part of `Deployment.stop()`: graceful until `graceDeadline`, then SIGKILL; then its resource faults go. */
  async stop(graceDeadline: number): Promise<void> {
    this.#stopped = true;
    await Promise.all([this.#process?.stop(graceDeadline), this.#hogs.stopAll()]);
    const limits = [...this.#limits];
    this.#limits.clear();
    const released = await Promise.allSettled(limits.map((l) => l.release()));
    for (const r of released) if (r.status === 'rejected') this.#ctx.log(`${this.id}: ${String(r.reason)}`);
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
