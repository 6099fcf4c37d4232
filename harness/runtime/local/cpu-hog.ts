/**
 * CPU pressure beside an instance: `workers` busy-loop Node processes, each
 * a managed process like any server (own group, run-id tag, state file), so
 * `stop()`, `killAllSync` and `harness clean` all reach them.
 */
import { ManagedProcess } from './managed-process.ts';
import type { RunState } from './run-state.ts';

export interface CpuHog {
  readonly pids: readonly number[];
  stop(): Promise<void>;
}

export async function startCpuHog(opts: {
  workers: number;
  runId: string;
  instanceId: string;
  runState: RunState;
}): Promise<CpuHog> {
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
