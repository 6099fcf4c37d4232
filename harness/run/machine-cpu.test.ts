import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MachineReadings, procStatCpu } from './machine-cpu.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('procStatCpu', () => {
  it('reads busy time from the first line of /proc/stat: everything but idle and iowait', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-stat-'));
    dirs.push(dir);
    const file = join(dir, 'stat');
    // user nice system idle iowait irq softirq steal guest guest_nice
    writeFileSync(file, 'cpu  1000 50 300 9000 400 20 30 0 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n');
    expect(procStatCpu(file).busySeconds()).toBe(14);
    writeFileSync(file, 'garbage\n');
    expect(procStatCpu(file).busySeconds()).toBeUndefined();
    expect(procStatCpu(join(dir, 'missing')).busySeconds()).toBeUndefined();
  });

  it('reads this machine where there is a /proc/stat', () => {
    const cpu = procStatCpu();
    expect(cpu.cores).toBeGreaterThan(0);
    if (process.platform === 'linux') expect(cpu.busySeconds()).toBeGreaterThan(0);
  });
});

describe('MachineReadings', () => {
  it('gives the busy cores between the readings at the window’s ends', () => {
    let busy = 100;
    const readings = new MachineReadings({ cores: 2, busySeconds: () => busy });
    readings.read(1000); // before the window: left out (more than 500 ms before it)
    busy = 101;
    readings.read(2000);
    busy = 104.2;
    readings.read(4000);
    busy = 110;
    readings.read(9000);
    expect(readings.over(2000, 4000)).toEqual({ cores: 2, busyCores: 1.6 });
    expect(readings.over(20_000, 30_000)).toBeUndefined();
  });
});
