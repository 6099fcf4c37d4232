/**
 * `harness clean`: removes what runs that died without `stop()` left behind
 * (SIGKILL, OOM, power cut). Two sources, because neither is complete:
 * state files (process groups and temp dirs, written as things start) and
 * the environment of live processes (`HARNESS_RUN_ID` with a dead
 * `HARNESS_OWNER_PID` — children a state file never heard of).
 *
 * Pids get reused, so nothing is killed on the word of a state file alone:
 * a recorded process must still have its recorded start time, and a process
 * found by its environment is killed by pid, not by group.
 */
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupMembers, isAlive, listPids, processTree, readEnvVar, readStat } from '../host/proc-fs.ts';
import { type RunStateData, readAllStates } from '../host/run-state.ts';
import { removeRunGroups } from './cgroups/tree-limit.ts';

export interface CleanOptions {
  /** Also runs whose owner is still alive (a stuck `harness` process) — not this process's own. */
  all?: boolean;
  log?: (line: string) => void;
}

export interface CleanResult {
  processes: number;
  dirs: number;
  runs: string[];
  /** Runs left alone because their harness is still running (without `all`). */
  live: LiveRun[];
}

export interface LiveRun {
  runId: string;
  ownerPid: number;
}

export async function cleanLeftovers(opts: CleanOptions = {}): Promise<CleanResult> {
  const log = opts.log ?? (() => {});
  const result: CleanResult = { processes: 0, dirs: 0, runs: [], live: [] };
  const runs = new Set<string>();
  const ownerDead = (owner: number, startTicks?: number) =>
    owner !== process.pid && (opts.all === true || !isAlive(owner, startTicks));
  const leftAlone = (runId: string, ownerPid: number) => {
    if (ownerPid === process.pid || result.live.some((l) => l.runId === runId)) return;
    result.live.push({ runId, ownerPid });
  };

  for (const { file, data } of readAllStates()) {
    if (!ownerDead(data.ownerPid, data.ownerStartTicks || undefined)) {
      leftAlone(data.runId, data.ownerPid);
      continue;
    }
    runs.add(data.runId);
    result.processes += killRecorded(data, log);
    for (const dir of data.tempDirs) result.dirs += removeDir(dir, log);
    rmSync(file, { force: true });
  }

  for (const pid of listPids()) {
    if (pid === process.pid) continue;
    const runId = readEnvVar(pid, 'HARNESS_RUN_ID');
    if (runId === undefined) continue;
    const owner = Number(readEnvVar(pid, 'HARNESS_OWNER_PID'));
    // A process tagged without owner (started by hand with the variable set) is left alone unless --all.
    if (!(Number.isInteger(owner) && owner > 0 ? ownerDead(owner) : opts.all === true)) {
      if (Number.isInteger(owner) && owner > 0) leftAlone(runId, owner);
      continue;
    }
    runs.add(runId);
    if (kill(pid)) {
      result.processes++;
      log(`killed pid ${pid} of run ${runId}`);
    }
  }

  // Run dirs a crash left before the state file heard of them.
  for (const runId of runs) {
    for (const dir of runDirsOf(runId)) result.dirs += removeDir(dir, log);
    // cgroups a resource fault made (empty once their processes are killed above).
    for (const group of await removeRunGroups(runId)) log(`removed cgroup ${group}`);
  }
  result.runs = [...runs];
  return result;
}

/**
 * SIGKILLs each recorded process tree whose leader is still the recorded
 * process (same start time), or the group members that carry the run id.
 */
function killRecorded(data: RunStateData, log: (line: string) => void): number {
  let killed = 0;
  for (const record of data.processes) {
    const members = isAlive(record.pid, record.startTicks)
      ? processTree(record.pgid).filter((m) => m.startTicks >= record.startTicks)
      : groupMembers(record.pgid).filter((m) => readEnvVar(m.pid, 'HARNESS_RUN_ID') === data.runId);
    // Stop first so nothing forks between the scan and the kill.
    for (const member of members) signal(member.pid, 'SIGSTOP');
    for (const member of members) signal(member.pid, 'SIGKILL');
    killed += members.length;
    if (members.length > 0) {
      log(
        `killed ${record.instance} of run ${data.runId} (${members.length} process${members.length === 1 ? '' : 'es'})`,
      );
    }
  }
  return killed;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {}
}

function kill(pid: number): boolean {
  if (readStat(pid) === undefined) return false;
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}

function removeDir(dir: string, log: (line: string) => void): number {
  // Only dirs this runtime creates: a corrupted state file must not aim rm -rf elsewhere.
  const keep = [join(tmpdir(), 'harness-cache'), join(tmpdir(), 'harness-state')];
  if (!dir.startsWith(join(tmpdir(), 'harness-')) || keep.some((k) => dir === k || dir.startsWith(`${k}/`)))
    return 0;
  try {
    readdirSync(dir);
  } catch {
    return 0;
  }
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  log(`removed ${dir}`);
  return 1;
}

/** `<tmp>/harness-<runId>-XXXXXX`: mkdtemp's six-character suffix keeps `a` from matching run `a-b`. */
function runDirsOf(runId: string): string[] {
  const escaped = runId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^harness-${escaped}-[A-Za-z0-9]{6}$`);
  try {
    return readdirSync(tmpdir())
      .filter((name) => pattern.test(name))
      .map((name) => join(tmpdir(), name));
  } catch {
    return [];
  }
}
