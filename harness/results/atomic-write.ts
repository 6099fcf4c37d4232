/**
 * The one atomic file write of harness: a temporary file beside the target,
 * then a rename, so a reader (or a crash) never sees half a file. Results
 * snapshots, reports, summaries, run-state files and Prometheus targets all
 * go through it.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';

const tmpName = (path: string) => `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;

export async function writeAtomic(path: string, content: string): Promise<void> {
  const tmp = tmpName(path);
  try {
    await writeFile(tmp, content, 'utf8');
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** The same, synchronously: for writers that must finish before the process can exit. */
export function writeAtomicSync(path: string, content: string): void {
  const tmp = tmpName(path);
  try {
    writeFileSync(tmp, content, 'utf8');
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
