/**
 * One state file per run, `<tmp>/harness-state/<runId>.json`: who owns the run
 * and every process group and temp dir it created. Written synchronously and
 * atomically on every change, so a hard crash at any point leaves a file that
 * `harness clean` can act on. Removed at the end of `Deployment.stop()`.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAtomicSync } from '../../results/atomic-write.ts';
import { readStat } from './proc-fs.ts';
import { registry } from './registry.ts';

export interface ProcessRecord {
  instance: string;
  component: string;
  pid: number;
  pgid: number;
  /** /proc start time, to tell this process from a later one that reuses its pid. */
  startTicks: number;
}

export interface RunStateData {
  runId: string;
  ownerPid: number;
  ownerStartTicks: number;
  startedAt: string;
  processes: ProcessRecord[];
  tempDirs: string[];
}

export function stateDir(): string {
  return join(tmpdir(), 'harness-state');
}

export function stateFileOf(runId: string): string {
  return join(stateDir(), `${runId}.json`);
}

export class RunState {
  readonly file: string;
  readonly #data: RunStateData;

  constructor(runId: string) {
    this.file = stateFileOf(runId);
    this.#data = {
      runId,
      ownerPid: process.pid,
      ownerStartTicks: readStat(process.pid)?.startTicks ?? 0,
      startedAt: new Date().toISOString(),
      processes: [],
      tempDirs: [],
    };
    mkdirSync(stateDir(), { recursive: true });
    registry.addStateFile(this.file);
    this.#write();
  }

  addDir(dir: string): void {
    this.#data.tempDirs.push(dir);
    this.#write();
  }

  addProcess(record: ProcessRecord): void {
    this.#data.processes.push(record);
    this.#write();
  }

  remove(): void {
    rmSync(this.file, { force: true });
    registry.removeStateFile(this.file);
  }

  #write(): void {
    writeAtomicSync(this.file, JSON.stringify(this.#data, null, 2));
  }
}

/** Every readable state file; unreadable or half-written ones are skipped. */
export function readAllStates(): { file: string; data: RunStateData }[] {
  let names: string[];
  try {
    names = readdirSync(stateDir());
  } catch {
    return [];
  }
  const states: { file: string; data: RunStateData }[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const file = join(stateDir(), name);
    try {
      states.push({ file, data: JSON.parse(readFileSync(file, 'utf8')) as RunStateData });
    } catch {
      // A file being replaced right now, or garbage: not ours to judge.
    }
  }
  return states;
}
