import { describe, expect, it } from 'vitest';
import { findWrappers, type ProcInfo, watchWrappers, wrapperKind, wrapperVerdict } from './wrapper-watch.ts';

describe('wrapperKind', () => {
  it('knows shells running a command string and npm/npx, nothing else', () => {
    expect(wrapperKind(['sh', '-c', "'harness' run x.ts"])).toBe('shell');
    expect(wrapperKind(['/bin/bash', '-ec', 'harness run x.ts; echo'])).toBe('shell');
    expect(wrapperKind(['npm', 'exec', 'harness', 'run', 'x.ts'])).toBe('npm');
    expect(wrapperKind(['npm', 'run', 'quickstart'])).toBe('npm');
    expect(wrapperKind(['node', '/usr/lib/node_modules/npm/bin/npx-cli.js', 'harness'])).toBe('npm');
    expect(wrapperKind(['-bash'])).toBeUndefined(); // a login shell at a terminal
    expect(wrapperKind(['bash', '/dev/fd/3'])).toBeUndefined(); // a script
    expect(wrapperKind(['node', '/repo/node_modules/vitest/vitest.mjs'])).toBeUndefined();
  });
});

/** A process table: pid → its info; `ppid` chains them. */
function table(entries: Record<number, Partial<ProcInfo> & { argv: string[] }>) {
  const t = new Map<number, ProcInfo>();
  for (const [pid, e] of Object.entries(entries))
    t.set(Number(pid), { ppid: 1, startTicks: 100, wakeups: 2, ...e });
  return { t, read: (pid: number) => t.get(pid) };
}

describe('findWrappers and wrapperVerdict', () => {
  // vitest (10) → npm exec (20) → sh -c (30) → harness
  const chain = () =>
    table({
      30: { ppid: 20, argv: ['sh', '-c', "'harness' run q.ts"] },
      20: { ppid: 10, argv: ['npm', 'exec', 'harness', 'run', 'q.ts'] },
      10: { ppid: 1, argv: ['node', '/repo/node_modules/vitest/vitest.mjs'] },
    });

  it('finds the wrappers up to the first process that is not one', () => {
    const { read } = chain();
    expect(findWrappers(30, read).map((w) => [w.pid, w.kind])).toEqual([
      [30, 'shell'],
      [20, 'npm'],
    ]);
    expect(findWrappers(10, read)).toEqual([]);
  });

  it('stays quiet while the wrappers only wait', () => {
    const { read } = chain();
    expect(wrapperVerdict(findWrappers(30, read), 30, 30, read)).toBeUndefined();
  });

  it('stops when the shell above was woken: npm forwarded a SIGINT it holds', () => {
    const { t, read } = chain();
    const wrappers = findWrappers(30, read);
    t.get(30)!.wakeups++;
    expect(wrapperVerdict(wrappers, 30, 30, read)).toMatch(
      /^the wrapper it runs under \(pid 30, sh -c .*\) was signalled$/,
    );
  });

  it('stops when the parent died (SIGTERM killed the shell; harness was reparented)', () => {
    const { t, read } = chain();
    const wrappers = findWrappers(30, read);
    t.delete(30);
    expect(wrapperVerdict(wrappers, 30, 1, read)).toMatch(/^its parent \(pid 30, sh -c .*\) is gone$/);
  });

  it('stops when npm is gone, or its pid now belongs to another process', () => {
    const { t, read } = chain();
    const wrappers = findWrappers(30, read);
    t.get(20)!.startTicks = 999;
    expect(wrapperVerdict(wrappers, 30, 30, read)).toMatch(/pid 20, npm exec harness run q\.ts\) is gone/);
  });

  it('npm itself waking is not a signal: its event loop wakes all the time', () => {
    const { t, read } = chain();
    const wrappers = findWrappers(30, read);
    t.get(20)!.wakeups += 50;
    expect(wrapperVerdict(wrappers, 30, 30, read)).toBeUndefined();
  });
});

describe('watchWrappers', () => {
  it('calls back once, then stops polling', async () => {
    const { t, read } = table({ 30: { ppid: 20, argv: ['sh', '-c', 'harness run q.ts'] } });
    const calls: string[] = [];
    const stop = watchWrappers((why) => calls.push(why), { intervalMs: 5, read, parentPid: () => 30 });
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toEqual([]);
    t.get(30)!.wakeups++;
    await new Promise((r) => setTimeout(r, 30));
    t.get(30)!.wakeups++;
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toHaveLength(1);
    stop();
  });

  it('watches nothing without a wrapper above', () => {
    const { read } = table({ 10: { argv: ['bash', '/dev/fd/3'] } });
    const stop = watchWrappers(
      () => {
        throw new Error('no wrapper to watch');
      },
      { read, parentPid: () => 10 },
    );
    stop();
  });
});
