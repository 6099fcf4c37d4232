/**
 * Signals that stop at a wrapper. `npx harness …` is `npm exec`, which runs
 * `sh -c "'harness' …"`; dash (Debian's sh) forks even a single command, so
 * harness is the shell's child, not npm's. npm forwards SIGINT and SIGTERM
 * to its child only — the shell:
 *
 * - SIGTERM kills the shell; npm sees it die and exits too, and harness,
 *   Postgres and the service run on, orphaned;
 * - SIGINT the shell catches (it runs with -c) and holds until its child
 *   exits — which it never does, since harness never heard of it.
 *
 * A terminal's Ctrl-C reaches the whole foreground group, harness included;
 * `kill <npx pid>` from a script, a CI runner or a supervisor does not. So
 * harness watches the chain of wrappers above it — shells run with `-c`, and
 * npm/npx — and takes it as SIGTERM when one of them is gone (killed, or
 * exited), or when a wrapper shell was woken: a shell blocked in wait() for
 * its one child wakes only for a signal it catches (its voluntary context
 * switches go up by one; SIGWINCH and the like it ignores do not wake it),
 * and npm forwards exactly those. Linux only (/proc); elsewhere it watches
 * nothing.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

export interface ProcInfo {
  ppid: number;
  /** Start time after boot, in ticks: tells a process from a later one with its pid. */
  startTicks: number;
  argv: string[];
  /** Voluntary context switches so far. */
  wakeups: number;
}

export type ProcReader = (pid: number) => ProcInfo | undefined;

export interface Wrapper {
  pid: number;
  kind: 'shell' | 'npm';
  startTicks: number;
  wakeups: number;
  /** `sh -c 'harness' run …`, for the log line. */
  command: string;
}

const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh', 'ash', 'ksh', 'mksh']);

/** A shell running a command string (`sh -c …`, `bash -ec …`), or npm/npx running one (`npm exec …`). */
export function wrapperKind(argv: readonly string[]): Wrapper['kind'] | undefined {
  const [first, second] = argv;
  if (first === undefined) return undefined;
  const name = basename(first).replace(/^-/, '');
  if (SHELLS.has(name) && second !== undefined && /^-[a-z]*c[a-z]*$/.test(second)) return 'shell';
  // npm sets its process title: `npm exec harness run …`, `npm run quickstart`; or node …/npm-cli.js.
  if (name === 'npm' || name === 'npx') return 'npm';
  if (name === 'node' && argv.some((a) => /\/(npm|npx)(-cli\.js)?$/.test(a))) return 'npm';
  return undefined;
}

/** The wrappers above `pid`'s parent, nearest first, up to the first process that is not one. */
export function findWrappers(parentPid: number, read: ProcReader = readProc): Wrapper[] {
  const wrappers: Wrapper[] = [];
  for (let pid = parentPid; pid > 1 && wrappers.length < 8; ) {
    const info = read(pid);
    if (info === undefined) break;
    const kind = wrapperKind(info.argv);
    if (kind === undefined) break;
    wrappers.push({
      pid,
      kind,
      startTicks: info.startTicks,
      wakeups: info.wakeups,
      command: info.argv.join(' '),
    });
    pid = info.ppid;
  }
  return wrappers;
}

/** Why the wrappers say harness should stop, or undefined while they do not. */
export function wrapperVerdict(
  wrappers: readonly Wrapper[],
  parentPid: number,
  currentParent: number,
  read: ProcReader = readProc,
): string | undefined {
  if (wrappers.length === 0) return undefined;
  if (currentParent !== parentPid) return `its parent (pid ${parentPid}, ${short(wrappers[0]!)}) is gone`;
  for (const w of wrappers) {
    const now = read(w.pid);
    if (now === undefined || now.startTicks !== w.startTicks)
      return `the wrapper it runs under (pid ${w.pid}, ${short(w)}) is gone`;
    // Only the shell that waits for harness itself sleeps in wait(); npm's event loop wakes all the time.
    if (w.kind === 'shell' && w === wrappers[0] && now.wakeups > w.wakeups)
      return `the wrapper it runs under (pid ${w.pid}, ${short(w)}) was signalled`;
  }
  return undefined;
}

/**
 * Calls `onStop` once when a wrapper above this process is gone or was
 * signalled; polls /proc every `intervalMs` (default 200). Returns a stop function.
 */
export function watchWrappers(
  onStop: (why: string) => void,
  opts: { intervalMs?: number; read?: ProcReader; parentPid?: () => number } = {},
): () => void {
  const read = opts.read ?? readProc;
  const parentOf = opts.parentPid ?? (() => process.ppid);
  const parent = parentOf();
  const wrappers = process.platform === 'linux' || opts.read ? findWrappers(parent, read) : [];
  if (wrappers.length === 0) return () => {};
  const timer = setInterval(() => {
    const why = wrapperVerdict(wrappers, parent, parentOf(), read);
    if (why === undefined) return;
    clearInterval(timer);
    onStop(why);
  }, opts.intervalMs ?? 200);
  timer.unref();
  return () => clearInterval(timer);
}

function short(w: Wrapper): string {
  return w.command.length > 60 ? `${w.command.slice(0, 57)}…` : w.command;
}

export function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    // A process title set by the program (npm's) may be one string with spaces.
    const words = argv.length === 1 ? argv[0]!.split(' ') : argv;
    return {
      ppid: Number(fields[1]),
      startTicks: Number(fields[19]),
      argv: words,
      wakeups: Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0),
    };
  } catch {
    return undefined;
  }
}
