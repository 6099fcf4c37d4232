/**
 * Reading /proc (Linux): process groups, CPU ticks, RSS, start times and the
 * environment — what sampling, `killAllSync` and `harness clean` need without
 * spawning `ps`.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: /proc reports CPU time in these ticks; 100 on every Linux ABI Node runs on. */
export const clockTicksPerSecond = 100;

export interface ProcStat {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  /** utime + stime, ticks */
  cpuTicks: number;
  /** ticks after boot: together with the pid, identifies a process across pid reuse */
  startTicks: number;
}

export function readStat(pid: number): ProcStat | undefined {
  let raw: string;
  try {
    raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may contain spaces: split after its closing one.
  const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state) of proc(5).
  const at = (field: number) => Number(fields[field - 3]);
  return {
    pid,
    state: fields[0] ?? '?',
    ppid: at(4),
    pgid: at(5),
    cpuTicks: at(14) + at(15),
    startTicks: at(22),
  };
}

export function listPids(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 0) pids.push(pid);
  }
  return pids;
}

function liveStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const pid of listPids()) {
    const stat = readStat(pid);
    if (stat !== undefined && stat.state !== 'Z') stats.push(stat);
  }
  return stats;
}

/** Live (non-zombie) members of a process group. */
export function groupMembers(pgid: number): ProcStat[] {
  return liveStats().filter((s) => s.pgid === pgid);
}

/**
 * A process group plus every descendant of its members. Needed because some
 * servers leave their leader's group: each Postgres child calls setsid(), so
 * SIGSTOP to the postmaster's group alone would leave its backends serving.
 */
export function processTree(pgid: number): ProcStat[] {
  const stats = liveStats();
  const inTree = new Set(stats.filter((s) => s.pgid === pgid).map((s) => s.pid));
  for (let grew = inTree.size > 0; grew; ) {
    grew = false;
    for (const s of stats) {
      if (!inTree.has(s.pid) && inTree.has(s.ppid)) {
        inTree.add(s.pid);
        grew = true;
      }
    }
  }
  return stats.filter((s) => inTree.has(s.pid));
}

/** Resident set size in bytes (VmRSS), 0 when unknown (kernel threads, gone). */
export function readRssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match === null ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

/** One variable of a process's initial environment (needs the same user or root). */
export function readEnvVar(pid: number, name: string): string | undefined {
  let raw: string;
  try {
    raw = readFileSync(`/proc/${pid}/environ`, 'utf8');
  } catch {
    return undefined;
  }
  const prefix = `${name}=`;
  for (const entry of raw.split('\0')) if (entry.startsWith(prefix)) return entry.slice(prefix.length);
  return undefined;
}

export function isAlive(pid: number, startTicks?: number): boolean {
  const stat = readStat(pid);
  if (stat === undefined || stat.state === 'Z') return false;
  return startTicks === undefined || stat.startTicks === startTicks;
}
