/**
 * CPU pressure beside an instance: `workers` busy-loop Node processes, each
 * a managed process like any server (own group, run-id tag, state file), so
 * `stop()`, `killAllSync` and `harness clean` all reach them.
 */
import type { Revertible } from '../../../model/index.ts';
import { ManagedProcess } from './managed-process.ts';
import type { RunState } from './run-state.ts';

export interface CpuHog {
  readonly pids: readonly number[];
  stop(): Promise<void>;
}

export interface CpuHogOwner {
  runId: string;
  instanceId: string;
  runState: RunState;
}

export async function startCpuHog(opts: CpuHogOwner & { workers: number }): Promise<CpuHog> {
  const procs: ManagedProcess[] = [];
  const stop = async () => {
    await Promise.all(procs.splice(0).map((p) => p.stop(Date.now())));
  };
  try {
    for (let i = 0; i < opts.workers; i++) {
      const instance = `${opts.instanceId}-cpu-hog-${i}`;
      const proc = await ManagedProcess.spawn(
        {
          file: process.execPath,
          args: ['-e', 'for (;;) {}'],
          // NODE_OPTIONS of a parent under a test runner would load its hooks into every hog.
          env: { ...process.env, NODE_OPTIONS: undefined },
          stopSignal: 'SIGKILL',
        },
        { HARNESS_RUN_ID: opts.runId, HARNESS_OWNER_PID: String(process.pid), HARNESS_INSTANCE: instance },
      );
      procs.push(proc);
      opts.runState.addProcess({
        instance,
        component: `${opts.instanceId}-cpu-hog`,
        pid: proc.pid,
        pgid: proc.pgid,
        startTicks: proc.startTicks,
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { pids: procs.map((p) => p.pid), stop };
}

/**
 * The CPU hogs beside one instance, for `Instance.stressCpu` of either runtime:
 * each start a handle whose revert stops it, and `stopAll` with the instance.
 */
export class CpuHogs {
  readonly #hogs = new Set<CpuHog>();

  constructor(private readonly owner: CpuHogOwner) {}

  async start(workers: number): Promise<Revertible> {
    const hog = await startCpuHog({ ...this.owner, workers });
    this.#hogs.add(hog);
    return {
      revert: async () => {
        if (this.#hogs.delete(hog)) await hog.stop();
      },
    };
  }

  async stopAll(): Promise<void> {
    const hogs = [...this.#hogs];
    this.#hogs.clear();
    await Promise.all(hogs.map((h) => h.stop()));
  }
}
