/**
 * CPU and memory limits on one instance's process tree through cgroups.
 *
 * For each controller a group `harness-<runId>-<instance>` is created — in
 * v1 as a child of the group the instance is in now (so limits a container
 * or session put on it still hold), in v2 under the root — the limit is
 * written and every process of the tree is moved in; processes it forks
 * later (Postgres backends) are born in it. `release()` moves whatever is in
 * the group back where it came from and removes the group.
 */
import type { Dirent } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import type { ResourceLimits } from '../../../../model/index.ts';
import {
  type Controller,
  cgroupOf,
  findHierarchy,
  type Hierarchy,
  moveProcess,
  readProcs,
  removeGroup,
  writeControl,
} from './cgroup-fs.ts';

const cpuPeriodUs = 100_000;

export class CgroupUnavailableError extends Error {}

interface Group {
  hierarchy: Hierarchy;
  dir: string;
  /** Where each moved process came from; processes born in the group go to `home`. */
  origins: Map<number, string>;
  home: string;
}

export interface TreeLimit {
  readonly groups: readonly string[];
  release(): Promise<void>;
}

/** `pids()` lists the tree now (leader first); throws when a controller is unavailable or the limit is refused. */
export async function limitTree(
  name: string,
  pids: () => number[],
  limits: ResourceLimits,
): Promise<TreeLimit> {
  const wanted: Controller[] = [];
  if (limits.cpus !== undefined) wanted.push('cpu');
  if (limits.memoryBytes !== undefined) wanted.push('memory');
  const groups: Group[] = [];
  const release = async () => {
    const results = await Promise.allSettled(groups.splice(0).map(releaseGroup));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  try {
    for (const controller of wanted) groups.push(await limitOne(controller, name, pids, limits));
  } catch (error) {
    await release().catch(() => {});
    throw error;
  }
  return { groups: groups.map((g) => g.dir), release };
}

async function limitOne(
  controller: Controller,
  name: string,
  pids: () => number[],
  limits: ResourceLimits,
): Promise<Group> {
  const h = findHierarchy(controller);
  if (h === undefined) {
    throw new CgroupUnavailableError(
      `no writable ${controller} cgroup controller (v1 /sys/fs/cgroup/${controller} or v2) — run as root on Linux with cgroups mounted read-write`,
    );
  }
  const tree = pids();
  const leader = tree[0];
  const current = leader === undefined ? undefined : cgroupOf(leader, h);
  if (leader === undefined || current === undefined) throw new Error(`the process is not running`);
  const home = `${h.mount}${current === '/' ? '' : current}`;
  const dir = h.version === 1 ? `${home}/${name}` : `${h.mount}/${name}`;
  if (h.version === 2) await enableV2(h, controller);
  try {
    await mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new Error(`${name} already has a ${controller} limit`);
    throw error;
  }
  const group: Group = { hierarchy: h, dir, origins: new Map(), home };
  try {
    if (controller === 'cpu') {
      const quota = Math.max(1000, Math.round((limits.cpus ?? 1) * cpuPeriodUs));
      if (h.version === 1) {
        await writeControl(dir, 'cpu.cfs_period_us', cpuPeriodUs);
        await writeControl(dir, 'cpu.cfs_quota_us', quota);
      } else await writeControl(dir, 'cpu.max', `${quota} ${cpuPeriodUs}`);
      await moveTree(group, pids);
    } else {
      // Move with their charges (v1), then limit: a limit below the usage makes the kernel reclaim.
      if (h.version === 1) await writeControl(dir, 'memory.move_charge_at_immigrate', 3).catch(() => {});
      await moveTree(group, pids);
      try {
        await writeControl(
          dir,
          h.version === 1 ? 'memory.limit_in_bytes' : 'memory.max',
          limits.memoryBytes ?? 0,
        );
      } catch (error) {
        throw new Error(
          `cannot limit ${name} to ${limits.memoryBytes} bytes (${(error as Error).message}): it uses more and the kernel could not reclaim it`,
        );
      }
    }
  } catch (error) {
    await releaseGroup(group).catch(() => {});
    throw error;
  }
  return group;
}

/** Moves the tree in; a second pass catches what forked during the first. */
async function moveTree(group: Group, pids: () => number[]): Promise<void> {
  for (let pass = 0; pass < 2; pass++) {
    for (const pid of pids()) {
      if (group.origins.has(pid)) continue;
      const from = cgroupOf(pid, group.hierarchy);
      if (from === undefined) continue;
      group.origins.set(pid, `${group.hierarchy.mount}${from === '/' ? '' : from}`);
      await moveProcess(pid, group.dir);
    }
  }
}

async function releaseGroup(group: Group): Promise<void> {
  // Processes may be forking while we move them out: repeat until the group is empty.
  for (let pass = 0; pass < 5; pass++) {
    const inside = await readProcs(group.dir);
    if (inside.length === 0) break;
    for (const pid of inside) await moveProcess(pid, group.origins.get(pid) ?? group.home).catch(() => {});
  }
  if (!(await removeGroup(group.dir))) throw new Error(`could not remove cgroup ${group.dir}`);
}

async function enableV2(h: Hierarchy, controller: Controller): Promise<void> {
  // The root is exempt from "no internal processes": enabling a controller for its children is allowed.
  await writeControl(h.mount, 'cgroup.subtree_control', `+${controller}`).catch(() => {});
}

/** For `harness clean`: empty groups named `harness-<runId>-…` under every cpu/memory hierarchy, removed. */
export async function removeRunGroups(runId: string): Promise<string[]> {
  const removed: string[] = [];
  const prefix = `harness-${runId}-`;
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const path = `${dir}/${e.name}`;
      if (e.name.startsWith(prefix)) {
        if (await removeGroup(path)) removed.push(path);
      } else if (depth > 0) await walk(path, depth - 1);
    }
  };
  const roots = new Set(
    (['cpu', 'memory'] as const).flatMap((c) => {
      const h = findHierarchy(c);
      return h === undefined ? [] : [h.mount];
    }),
  );
  for (const root of roots) await walk(root, 3);
  return removed;
}
