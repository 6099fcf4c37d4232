/**
 * One server process, started in its own process group (`detached`) so that a
 * signal reaches the whole tree — Postgres backends, the node behind `sh -c`.
 * Tagged with the run id in its environment, tracked for `killAllSync`, its
 * last output kept for error messages.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { OutputTail } from './output-tail.ts';
import { readStat } from './proc-fs.ts';
import { registry, signalGroup, signalTree } from './registry.ts';

export interface ProcessSpec {
  file: string;
  args: string[];
  cwd?: string;
  env: Record<string, string | undefined>;
  /** Run as another user (root must not run Postgres). */
  uid?: number;
  gid?: number;
  /** Graceful stop signal: SIGINT for Postgres (fast shutdown), SIGTERM otherwise. */
  stopSignal: NodeJS.Signals;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ManagedProcess {
  readonly pid: number;
  /** Equal to pid: the child leads its own group. */
  readonly pgid: number;
  readonly startTicks: number;
  readonly startedAt: number;
  readonly tail = new OutputTail(50);
  readonly exited: Promise<ExitInfo>;
  readonly #stopSignal: NodeJS.Signals;
  #exit: ExitInfo | undefined;

  private constructor(child: ChildProcess, pid: number, stopSignal: NodeJS.Signals) {
    this.pid = pid;
    this.pgid = pid;
    this.startedAt = Date.now();
    this.startTicks = readStat(pid)?.startTicks ?? 0;
    this.#stopSignal = stopSignal;
    this.tail.follow(child.stdout);
    this.tail.follow(child.stderr);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.#exit = { code, signal };
        resolve(this.#exit);
      });
    });
  }

  static async spawn(spec: ProcessSpec, tags: Record<string, string>): Promise<ManagedProcess> {
    const child = spawn(spec.file, spec.args, {
      cwd: spec.cwd,
      env: { ...spec.env, ...tags },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(spec.uid === undefined ? {} : { uid: spec.uid }),
      ...(spec.gid === undefined ? {} : { gid: spec.gid }),
    });
    if (child.pid === undefined) {
      // spawn reports ENOENT/EACCES asynchronously, through 'error'.
      const error = await new Promise<Error>((resolve) => child.once('error', resolve));
      throw error;
    }
    child.on('error', () => {});
    registry.addGroup(child.pid);
    return new ManagedProcess(child, child.pid, spec.stopSignal);
  }

  get exitInfo(): ExitInfo | undefined {
    return this.#exit;
  }

  isRunning(): boolean {
    return this.#exit === undefined;
  }

  /**
   * SIGKILL, SIGSTOP and SIGCONT go to the whole tree; other signals to the
   * group only, so servers handle them their own way (Postgres's postmaster
   * shuts its children down itself).
   */
  signal(signal: NodeJS.Signals): boolean {
    if (signal === 'SIGKILL' || signal === 'SIGSTOP' || signal === 'SIGCONT')
      return signalTree(this.pgid, signal);
    return signalGroup(this.pgid, signal);
  }

  /**
   * Graceful stop signal, SIGCONT (a paused group would never handle it), wait
   * for the leader until `graceDeadline`, then SIGKILL the group — always, so
   * stragglers whose leader is already gone go too.
   */
  async stop(graceDeadline: number): Promise<void> {
    if (this.isRunning()) {
      this.signal(this.#stopSignal);
      this.signal('SIGCONT');
      await this.waitExit(graceDeadline - Date.now());
    }
    this.signal('SIGKILL');
    await this.waitExit(1000);
    registry.removeGroup(this.pgid);
  }

  /** Waits up to `ms` for the leader to exit; true when it has. */
  async waitExit(ms: number): Promise<boolean> {
    if (!this.isRunning()) return true;
    if (ms <= 0) return false;
    const timer = new AbortController();
    const result = await Promise.race([
      this.exited.then(() => true),
      sleep(ms, false, { signal: timer.signal }).catch(() => false),
    ]);
    timer.abort();
    return result;
  }

  describeExit(): string {
    const exit = this.#exit;
    if (exit === undefined) return 'running';
    return exit.signal !== null ? `killed by ${exit.signal}` : `exited with code ${exit.code}`;
  }
}
