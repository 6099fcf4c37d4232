/**
 * Everything this process has started and not yet cleaned up: process groups,
 * temp dirs and state files. Kept in module state so `killAllSync` — the
 * last resort for `process.on('exit')`, where nothing async runs — can reach
 * it without a handle on any deployment.
 */
import { rmSync } from 'node:fs';
import { processTree } from './proc-fs.ts';

const groups = new Set<number>();
const dirs = new Set<string>();
const stateFiles = new Set<string>();

export const registry = {
  addGroup: (pgid: number) => void groups.add(pgid),
  removeGroup: (pgid: number) => void groups.delete(pgid),
  addDir: (dir: string) => void dirs.add(dir),
  removeDir: (dir: string) => void dirs.delete(dir),
  addStateFile: (file: string) => void stateFiles.add(file),
  removeStateFile: (file: string) => void stateFiles.delete(file),
};

/** Sends a signal to a whole process group; false when it no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Signals a group and every descendant that left it (see `processTree`). For
 * SIGKILL, SIGSTOP and SIGCONT, which must reach every process of an instance.
 */
export function signalTree(pgid: number, signal: NodeJS.Signals): boolean {
  const members = processTree(pgid);
  const reached = signalGroup(pgid, signal);
  for (const member of members) {
    if (member.pgid === pgid) continue;
    try {
      process.kill(member.pid, signal);
    } catch {}
  }
  return reached || members.length > 0;
}

/**
 * SIGKILLs every process group this process started and still owns, then
 * removes their temp dirs and state files. Synchronous, for `process.on('exit')`.
 * Returns the number of groups signalled.
 */
export function killAllSync(): number {
  let killed = 0;
  for (const pgid of groups) if (signalTree(pgid, 'SIGKILL')) killed++;
  groups.clear();
  let allRemoved = true;
  for (const dir of dirs) {
    try {
      // Retries: a killed server may still be closing files for a few ms.
      rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 20 });
    } catch {
      allRemoved = false;
    }
  }
  dirs.clear();
  // Without its state file `harness clean` could not find a dir left behind.
  if (allRemoved) for (const file of stateFiles) rmSync(file, { force: true });
  stateFiles.clear();
  return killed;
}
