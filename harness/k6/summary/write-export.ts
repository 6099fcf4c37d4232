/**
 * Where an export (`--summary-export`) goes: `-` and `/dev/stdout` are stdout
 * (`/dev/stderr`, `/dev/fd/N`: that descriptor of this process); a path that is
 * not a regular file (`/dev/stdout`, a FIFO, a symlink) is written through,
 * in place — an export never renames a temp file onto it (which would replace
 * the device node or the link with a plain file); a regular or new file is
 * written atomically (temp file, then rename), so a reader never sees half of it.
 */
import { lstatSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { InputProblem } from '../../../model/index.ts';
import { writeAtomicSync } from '../../results/atomic-write.ts';

export const STDOUT = '-';

/** Whether an export to `path` lands on this process's stdout (`-`, `/dev/stdout`…). */
export function isStdout(path: string | undefined): boolean {
  return path !== undefined && (path === STDOUT || ownFd(path) === 1);
}

/** Problems with an export path, checked before anything starts (flag = `--summary-export`). */
export function exportPathProblems(path: string, flag: string): InputProblem[] {
  if (path === STDOUT) return [];
  if (path === '') return [{ path: flag, message: 'expected a file path, or - for stdout' }];
  try {
    if (statSync(path).isDirectory())
      return [{ path: flag, message: `${path} is a directory: give a file path, e.g. ${path}/summary.json` }];
  } catch {
    // Missing: it will be made (and its directory with it).
  }
  return [];
}

/** Writes `text` to `path` (see the module comment); returns where it went, for the log. */
export function writeExport(
  path: string,
  text: string,
  stdout: NodeJS.WritableStream = process.stdout,
): string {
  if (isStdout(path)) {
    stdout.write(text);
    return 'stdout';
  }
  const fd = ownFd(path);
  if (fd !== undefined) {
    // /dev/stderr, /dev/fd/3…: this process's own descriptor (a socket or pipe cannot be re-opened by name).
    writeFileSync(fd, text);
    return path;
  }
  let existing: ReturnType<typeof lstatSync> | undefined;
  try {
    existing = lstatSync(path);
  } catch {
    existing = undefined;
  }
  if (existing !== undefined && !existing.isFile()) {
    writeFileSync(path, text);
    return path;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeAtomicSync(path, text);
  return path;
}

/** The descriptor a path names in this process (`/dev/stdout` → 1, `/proc/self/fd/2` → 2), if it names one. */
function ownFd(path: string): number | undefined {
  const named: Record<string, number> = { '/dev/stdin': 0, '/dev/stdout': 1, '/dev/stderr': 2 };
  if (named[path] !== undefined) return named[path];
  const m = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/.exec(path);
  return m ? Number(m[1]) : undefined;
}
