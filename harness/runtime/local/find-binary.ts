/**
 * Locating server binaries: Debian keeps Postgres outside PATH, under
 * /usr/lib/postgresql/<major>/bin, so that directory (newest major) comes first.
 */
import { constants } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function onPath(name: string, extraDirs: string[] = []): Promise<string | undefined> {
  const dirs = [...extraDirs, ...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const file = join(dir, name);
    if (await isExecutable(file)) return file;
  }
  return undefined;
}

/** `/usr/lib/postgresql/<newest major>/bin`, if any. */
export async function debianPostgresBin(): Promise<string | undefined> {
  let majors: string[];
  try {
    majors = await readdir('/usr/lib/postgresql');
  } catch {
    return undefined;
  }
  const sorted = majors.filter((m) => /^\d+(\.\d+)?$/.test(m)).sort((a, b) => Number(b) - Number(a));
  for (const major of sorted) {
    const bin = join('/usr/lib/postgresql', major, 'bin');
    if (await isExecutable(join(bin, 'postgres'))) return bin;
  }
  return undefined;
}
