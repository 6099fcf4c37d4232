/**
 * The containers this process started and has not removed yet, kept in
 * module state like the local registry, so the synchronous last resort
 * (`killAllSync`, from `process.on('exit')` or a forced Ctrl-C) can reach
 * them. It removes by id and also by run-id label — which catches a
 * container whose create was still under way and had no id yet.
 */
import { execFileSync } from 'node:child_process';
import { removeContainersSync } from './docker-cli.ts';
import { label } from './labels.ts';

const containers = new Set<string>();
/** Runs with a docker deployment in this process: their containers are looked up by label at the end. */
const runs = new Set<string>();

export const containerRegistry = {
  add: (id: string) => void containers.add(id),
  remove: (id: string) => void containers.delete(id),
  addRun: (runId: string) => void runs.add(runId),
};

/** `docker rm -f` of every container of this process; returns how many it knew of. Synchronous. */
export function removeAllContainersSync(): number {
  const ids = new Set(containers);
  for (const runId of runs) for (const id of containersOfRunSync(runId)) ids.add(id);
  removeContainersSync([...ids]);
  containers.clear();
  runs.clear();
  return ids.size;
}

function containersOfRunSync(runId: string): string[] {
  try {
    const out = execFileSync('docker', ['ps', '-aq', '--filter', `label=${label.runId}=${runId}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    });
    return out.split('\n').filter((l) => l.trim() !== '');
  } catch {
    return [];
  }
}
