/**
 * The whole machine's CPU, for capacity steps: how busy every core was,
 * whoever used it — the target, the load generator, or anything else running
 * on a shared machine. Reads the first line of /proc/stat (Linux); elsewhere
 * `busySeconds` is undefined and steps carry no machine figures.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { StepMachine } from '../../model/index.ts';

export interface MachineCpu {
  cores: number;
  /** Busy CPU time of every core since boot, seconds; undefined where it cannot be read. */
  busySeconds(): number | undefined;
}

/** USER_HZ: /proc/stat counts in 1/100 s on every Linux architecture harness runs on. */
const TICKS_PER_SECOND = 100;

export function procStatCpu(path = '/proc/stat'): MachineCpu {
  return {
    cores: availableParallelism(),
    busySeconds() {
      try {
        const line = readFileSync(path, 'utf8').split('\n', 1)[0] ?? '';
        const [label, ...fields] = line.trim().split(/\s+/);
        if (label !== 'cpu') return undefined;
        // user nice system idle iowait irq softirq steal (guest time is inside user)
        const n = fields.slice(0, 8).map(Number);
        if (n.length < 5 || n.some((x) => !Number.isFinite(x))) return undefined;
        const idle = n[3]! + n[4]!;
        const total = n.reduce((a, b) => a + b, 0);
        return (total - idle) / TICKS_PER_SECOND;
      } catch {
        return undefined;
      }
    },
  };
}

/** Readings of busy seconds taken as a step goes, and the machine's load over a window of them. */
export class MachineReadings {
  private readonly readings: { at: number; busy: number }[] = [];

  constructor(private readonly cpu: MachineCpu) {}

  read(at: number = Date.now()): void {
    const busy = this.cpu.busySeconds();
    if (busy !== undefined) this.readings.push({ at, busy });
  }

  /** Busy cores between the readings nearest the window's ends; undefined with fewer than two inside it. */
  over(from: number, to: number): StepMachine | undefined {
    const inside = this.readings.filter((r) => r.at >= from - 500 && r.at <= to + 500);
    const first = inside[0];
    const last = inside.at(-1);
    if (first === undefined || last === undefined || last.at - first.at < 500) return undefined;
    const busyCores = (last.busy - first.busy) / ((last.at - first.at) / 1000);
    return { cores: this.cpu.cores, busyCores: Math.max(0, Math.round(busyCores * 100) / 100) };
  }

  clear(): void {
    this.readings.length = 0;
  }
}
