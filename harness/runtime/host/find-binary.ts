/**
 * The one place harness looks programs up: on PATH (plus the sbin directories,
 * often missing from a non-root PATH) and Postgres in Debian's versioned
 * directories, off PATH. Both runtimes and `harness doctor` use it.
 */
import { constants } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** sbin directories are often missing from a non-root PATH, but haproxy and nginx live there. */
const EXTRA_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `name` on PATH, then in the sbin directories. */
export async function findOnPath(
  name: string,
  pathEnv = process.env.PATH ?? '',
): Promise<string | undefined> {
  const dirs = [...pathEnv.split(delimiter).filter((d) => d !== ''), ...EXTRA_DIRS];
  for (const dir of new Set(dirs)) {
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The first of several paths or names that exists (absolute paths checked as is, names on PATH). */
export async function findFirst(candidates: readonly string[]): Promise<string | undefined> {
  for (const c of candidates) {
    const found = c.startsWith('/') ? ((await isExecutable(c)) ? c : undefined) : await findOnPath(c);
    if (found) return found;
  }
  return undefined;
}

/**
 * Debian installs server binaries in `/usr/lib/postgresql/<major>/bin`, off
 * PATH; the newest major wins, then PATH.
 */
export async function findPostgresBinary(
  program = 'postgres',
  root = '/usr/lib/postgresql',
): Promise<string | undefined> {
  let majors: string[] = [];
  try {
    majors = (await readdir(root)).filter((d) => /^\d+(\.\d+)?$/.test(d));
  } catch {
    // no Debian layout
  }
  // Newest first: `16` before `9.6`.
  const version = (v: string) => v.split('.').map(Number);
  majors.sort((a, b) => {
    const [x, y] = [version(a), version(b)];
    return y[0]! - x[0]! || (y[1] ?? 0) - (x[1] ?? 0);
  });
  for (const major of majors) {
    const candidate = join(root, major, 'bin', program);
    if (await isExecutable(candidate)) return candidate;
  }
  return findOnPath(program);
}
