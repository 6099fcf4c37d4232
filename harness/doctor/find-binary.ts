/** Looks programs up on PATH (plus the sbin directories) and Postgres in Debian's versioned directories. */
import { constants } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { compareVersions } from './parse-version.ts';

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
  majors.sort((a, b) => compareVersions(b, a));
  for (const major of majors) {
    const candidate = join(root, major, 'bin', program);
    if (await isExecutable(candidate)) return candidate;
  }
  return findOnPath(program);
}
