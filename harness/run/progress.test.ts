import { describe, expect, it } from 'vitest';
import type { CellResult, IntervalSample, RunResults } from '../../model/index.ts';
import { intervalSample } from '../../test/helpers/intervals.ts';
import { progressObserver } from './progress.ts';
import { DEFAULT_OVERHEAD_MS, RunEta } from './run-eta.ts';

const executor = {
  executor: 'constant-arrival-rate' as const,
  rate: 10,
  timeUnit: '1s',
  duration: '10s',
};

function cell(id: string): CellResult {
  return {
    id,
    target: id.split('/')[0]!,
    targetKind: 'monolith',
    profile: 'steady',
    trial: 1,
    executor,
    model: 'open',
    status: 'running',
    intervals: [],
  };
}

function results(cells: CellResult[], warmup: unknown = '0s'): RunResults {
  return {
    schemaVersion: 2,
    runId: 'r',
    status: 'running',
    startedAt: 0,
    scenario: { name: 's', file: 's.ts', hash: 'h', config: { warmup } },
    options: { durationScale: 1, trials: 1, runtime: 'local' },
    environment: {} as RunResults['environment'],
    cells,
  };
}

/** Ten requests a second at 2 ms; second 3 (index 2) has a 50 ms tail. */
function second(t0: number, i: number): IntervalSample {
  const slow = i === 2;
  return intervalSample(t0 + i * 1000, {
    read: { latenciesMs: slow ? [2, 2, 2, 2, 2, 2, 2, 2, 50, 50] : Array(10).fill(2) },
  });
}

function capture(tty: boolean) {
  const lines: string[] = [];
  let buffer = '';
  return {
    lines,
    out: {
      isTTY: tty,
      write(text: string) {
        buffer += text;
        const parts = buffer.split('\n');
        buffer = parts.pop()!;
        lines.push(...parts);
        return true;
      },
    },
  };
}

describe('progressObserver in a log (not a TTY)', () => {
  it('prints one line per 5-second window that merges every interval of it, with the time of day', () => {
    const t0 = new Date(2026, 11, 5, 14, 3, 0).getTime();
    const { lines, out } = capture(false);
    const p = progressObserver(out, { now: () => t0 });
    const c = cell('monolith/steady/1');
    p.onRunStart!(results([c]));
    p.onCellStart!(c);
    for (let i = 0; i < 10; i++) {
      const s = second(t0, i);
      c.intervals.push(s);
      p.onInterval!(c, s);
    }
    c.status = 'completed';
    p.onCellEnd!(c);
    const windows = lines.filter((l) => /req\/s/.test(l));
    expect(windows).toHaveLength(2);
    // The first window holds second 3's 50 ms tail: its p99 shows it, not one second in five.
    expect(windows[0]).toMatch(/^ {2}14:03:05 +0-5s +10 req\/s .* p99 +50\.\d+ms/);
    expect(windows[1]).toMatch(/^ {2}14:03:10 +5-10s .* p99 +2\.\d\dms/);
  });

  it('keeps lines in time order: the seconds before a log line are printed before it', () => {
    const t0 = new Date(2026, 11, 5, 14, 3, 0).getTime();
    const { lines, out } = capture(false);
    const p = progressObserver(out, { now: () => t0 });
    const c = cell('monolith/steady/1');
    p.onRunStart!(results([c]));
    p.onCellStart!(c);
    for (let i = 0; i < 3; i++) {
      const s = second(t0, i);
      c.intervals.push(s);
      p.onInterval!(c, s);
    }
    p.onLog!('[monolith/steady/1] applied pause app-0');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}14:03:03 +0-3s /),
      '[monolith/steady/1] applied pause app-0',
    ]);
  });

  it('names the cell i/N and the run ETA at each cell start', () => {
    const { lines, out } = capture(false);
    let now = 0;
    const p = progressObserver(out, { now: () => now });
    const a = cell('monolith/steady/1');
    const b = cell('cached/steady/1');
    p.onRunStart!(results([a, b], '5s'));
    p.onCellStart!(a);
    // Two cells of 5 s warm-up + 10 s load, before any overhead was measured.
    expect(lines[0]).toBe(
      `▶ [1/2] monolith/steady/1  constant-arrival-rate (open model) — run ETA ${Math.round((2 * (15_000 + DEFAULT_OVERHEAD_MS)) / 1000)}s`,
    );
    now = 19_000; // the first cell took 19 s: 15 s planned, 4 s start-up and stop
    a.status = 'completed';
    p.onCellEnd!(a);
    p.onCellStart!(b);
    expect(lines.at(-1)).toBe('▶ [2/2] cached/steady/1  constant-arrival-rate (open model) — run ETA 19s');
  });
});

describe('progressObserver on a terminal', () => {
  it('rewrites one live line with elapsed of planned seconds, and marks the warm-up', () => {
    const written: string[] = [];
    const tty = {
      isTTY: true,
      write: (t: string) => {
        written.push(t);
        return true;
      },
    };
    const p = progressObserver(tty, { now: () => 0 });
    const c = cell('monolith/steady/1');
    p.onRunStart!(results([c], '3s'));
    p.onCellStart!(c);
    c.warmup = { executor: { ...executor, duration: '3s' }, startedAt: 0, intervals: [second(0, 0)] };
    p.onWarmupInterval!(c, c.warmup.intervals[0]!);
    const CLEAR = '\r\u001b[2K';
    expect(written.at(-1)!.startsWith(CLEAR)).toBe(true);
    expect(written.at(-1)!.slice(CLEAR.length)).toMatch(/^ +1s\/3s .*\[warm-up\]/);
    c.intervals.push(second(5000, 0));
    p.onInterval!(c, c.intervals[0]!);
    expect(written.at(-1)!.slice(CLEAR.length)).toMatch(/^ +1s\/10s +10 req\/s/);
  });
});

describe('RunEta', () => {
  it('counts what is left of the running cell and the measured overhead of finished ones', () => {
    const a = cell('a/steady/1');
    const b = cell('b/steady/1');
    const eta = new RunEta(results([a, b]));
    eta.cellStarted(a, 0);
    expect(eta.remainingMs(4000)).toBe(2 * (10_000 + DEFAULT_OVERHEAD_MS) - 4000);
    a.status = 'completed';
    eta.cellEnded(a, 12_000);
    expect(eta.remainingMs(12_000)).toBe(12_000);
    eta.cellStarted(b, 12_000);
    expect(eta.remainingMs(30_000)).toBe(0);
  });
});
