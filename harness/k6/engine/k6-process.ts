/**
 * The k6 process of one engine run, started the way harness starts its
 * servers: in its own process group (a signal reaches all of it), tracked for
 * `killAllSync` (a forced exit), and in a state file with harness's pid, so
 * `harness clean` stops it after a `kill -9` of harness. Its stderr (k6's log,
 * where a script's console.log goes) is handed on line by line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { OutputTail } from '../../runtime/host/output-tail.ts';
import { readStat } from '../../runtime/host/proc-fs.ts';
import { registry, signalGroup, signalTree } from '../../runtime/host/registry.ts';
import { RunState } from '../../runtime/host/run-state.ts';

export interface K6ProcessOptions {
  bin: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Tags the process (HARNESS_RUN_ID) and names its state file. */
  id: string;
  /** The run's temp dir, removed by `harness clean` if harness dies. */
  dir: string;
  onStderrLine(line: string): void;
}

export class K6Process {
  readonly pid: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** k6's last lines of output, for an error message. */
  readonly tail = new OutputTail(30);
  #done = false;
  readonly #state: RunState;

  private constructor(child: ChildProcess, state: RunState, onLine: (line: string) => void) {
    this.pid = child.pid!;
    this.#state = state;
    let partial = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => {
      const lines = (partial + d).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
    this.tail.follow(child.stdout);
    this.tail.follow(child.stderr);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.#done = true;
        if (partial !== '') onLine(partial);
        resolve({ code, signal });
      }),
    );
  }

  static async start(o: K6ProcessOptions): Promise<K6Process> {
    const state = new RunState(o.id);
    state.addDir(o.dir);
    const child = spawn(o.bin, o.args, {
      cwd: o.cwd,
      env: { ...o.env, HARNESS_RUN_ID: o.id, HARNESS_OWNER_PID: String(process.pid) },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid === undefined) {
      const error = await new Promise<Error>((resolve) => child.once('error', resolve));
      state.remove();
      throw error;
    }
    child.on('error', () => {});
    registry.addGroup(child.pid);
    state.addProcess({
      instance: 'k6-0',
      component: 'k6',
      pid: child.pid,
      pgid: child.pid,
      startTicks: readStat(child.pid)?.startTicks ?? 0,
    });
    return new K6Process(child, state, o.onStderrLine);
  }

  get running(): boolean {
    return !this.#done;
  }

  /**
   * Stops k6 as Ctrl-C does: SIGINT (k6 stops the test, lets iterations end
   * within their graceful stop), then after `graceMs` SIGKILL of the group.
   */
  async stop(graceMs: number): Promise<void> {
    if (this.running) {
      signalGroup(this.pid, 'SIGINT');
      await Promise.race([this.exited, sleep(graceMs, undefined, { ref: false })]);
    }
    if (this.running) signalTree(this.pid, 'SIGKILL');
    await Promise.race([this.exited, sleep(2000, undefined, { ref: false })]);
  }

  /** After the process is gone: no group to reach, no state file for `harness clean`. */
  release(): void {
    registry.removeGroup(this.pid);
    this.#state.remove();
  }
}
