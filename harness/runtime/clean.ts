/**
 * `harness clean`: what runs that died without `stop()` left behind — the
 * docker runtime's containers (by label, docker/clean-containers.ts) first,
 * since they hold the run's dirs, then the local runtime's processes, temp
 * dirs and state files (local/clean.ts; a docker run writes the same state
 * file for its dirs).
 */
import { removeLeftoverContainers } from './docker/clean-containers.ts';
import { type CleanOptions, cleanLeftovers as cleanLocalLeftovers } from './local/clean.ts';

export type { CleanOptions };

export interface CleanResult {
  processes: number;
  containers: number;
  dirs: number;
  runs: string[];
  /** Runs left alone because their harness process is still running (without `all`). */
  live: { runId: string; ownerPid: number }[];
}

export async function cleanLeftovers(opts: CleanOptions = {}): Promise<CleanResult> {
  const containers = await removeLeftoverContainers(opts);
  const local = await cleanLocalLeftovers(opts);
  return {
    processes: local.processes,
    containers: containers.containers,
    dirs: local.dirs,
    runs: [...new Set([...containers.runs, ...local.runs])],
    live: [...local.live, ...containers.live.filter((c) => !local.live.some((l) => l.runId === c.runId))],
  };
}
