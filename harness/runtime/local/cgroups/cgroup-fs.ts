/**
 * Finding and writing cgroups (Linux). cgroup v1 first — one hierarchy per
 * controller, `/sys/fs/cgroup/cpu`, `/sys/fs/cgroup/memory` — and cgroup v2
 * (the unified hierarchy, at `/sys/fs/cgroup` or `/sys/fs/cgroup/unified`)
 * when it is the one that has the controller.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { readFile, rmdir, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export type Controller = 'cpu' | 'memory';

export interface Hierarchy {
  version: 1 | 2;
  controller: Controller;
  /** Mount point, e.g. `/sys/fs/cgroup/cpu`. */
  mount: string;
}

interface Mount {
  path: string;
  type: string;
  options: string[];
}

function mounts(): Mount[] {
  let text = '';
  try {
    text = readFileSync('/proc/mounts', 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((line) => line.split(' '))
    .filter((f) => f[2] === 'cgroup' || f[2] === 'cgroup2')
    .map((f) => ({
      path: (f[1] ?? '').replace(/\\040/g, ' '),
      type: f[2]!,
      options: (f[3] ?? '').split(','),
    }));
}

const writable = (path: string): boolean => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** Where the controller can be used from here, or undefined (not mounted, read-only, not enabled). */
export function findHierarchy(controller: Controller): Hierarchy | undefined {
  const all = mounts();
  const v1 = all.find((m) => m.type === 'cgroup' && m.options.includes(controller));
  if (v1 !== undefined && writable(`${v1.path}/cgroup.procs`))
    return { version: 1, controller, mount: v1.path };
  for (const m of all.filter((m) => m.type === 'cgroup2')) {
    let available: string[] = [];
    try {
      available = readFileSync(`${m.path}/cgroup.controllers`, 'utf8').trim().split(/\s+/);
    } catch {
      continue;
    }
    if (available.includes(controller) && writable(`${m.path}/cgroup.procs`)) {
      return { version: 2, controller, mount: m.path };
    }
  }
  return undefined;
}

/** The cgroup path (`/`, `/a/b`) of a process in a hierarchy; undefined when it is gone. */
export function cgroupOf(pid: number, h: Hierarchy): string | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/cgroup`, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    // `4:memory:/a/b`, `0::/a/b` (v2); a path may hold colons.
    const first = line.indexOf(':');
    const second = line.indexOf(':', first + 1);
    if (first < 0 || second < 0) continue;
    const id = line.slice(0, first);
    const controllers = line.slice(first + 1, second).split(',');
    const path = line.slice(second + 1);
    if (h.version === 2 ? id === '0' : controllers.includes(h.controller)) return path;
  }
  return undefined;
}

export async function readProcs(dir: string): Promise<number[]> {
  try {
    const text = await readFile(`${dir}/cgroup.procs`, 'utf8');
    return text.split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Moves one process (all its threads) into the cgroup at `dir`; false when it no longer exists. */
export async function moveProcess(pid: number, dir: string): Promise<boolean> {
  try {
    await writeFile(`${dir}/cgroup.procs`, String(pid));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

export async function writeControl(dir: string, file: string, value: string | number): Promise<void> {
  await writeFile(`${dir}/${file}`, String(value));
}

/** Removes an (empty) cgroup, waiting a little for exiting processes to leave it; false if it stayed. */
export async function removeGroup(dir: string): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await rmdir(dir);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return true;
      if (code !== 'EBUSY') return false;
      await sleep(50);
    }
  }
  return false;
}
