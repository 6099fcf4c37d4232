/**
 * Live progress. Each cell starts with its place in the run (`[2/6]`) and the
 * run's ETA. On a terminal, one line is rewritten every second (elapsed of
 * planned, rate, p50/p95/p99, errors, VUs, stage, ETA); in a log (not a
 * TTY), one line every few seconds that summarises its whole window — every
 * interval of it merged, so a slow second is never skipped — with the time of
 * day. Warm-up intervals are shown as such; they are not the cell's figures.
 */
import type { CellResult, IntervalSample } from '../../model/index.ts';
import { intervalQuick, summarizeCell } from '../../model/index.ts';
import { executorMs, formatEta } from '../plan/planned-time.ts';
import { currentStage } from './current-stage.ts';
import type { RunObserver } from './observer.ts';
import { RunEta } from './run-eta.ts';

export interface ProgressOptions {
  /** Seconds each plain (non-TTY) line covers (default 5). */
  plainEveryS?: number;
  /** The clock (tests). */
  now?: () => number;
}

export function progressObserver(
  out: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean },
  opts: ProgressOptions = {},
): RunObserver {
  const tty = out.isTTY === true;
  const plainEveryMs = (opts.plainEveryS ?? 5) * 1000;
  const now = opts.now ?? Date.now;
  let eta: RunEta | undefined;
  let live = false;
  let window: IntervalSample[] = [];
  let windowKind: 'load' | 'warm-up' = 'load';
  let current: CellResult | undefined;
  const clearLive = () => {
    if (live) out.write('\r\x1b[2K');
    live = false;
  };
  const tag = (cell: CellResult) => {
    const pos = eta?.position(cell.id);
    return pos && pos.index > 0 ? `[${pos.index}/${pos.total}] ` : '';
  };
  const etaText = () => (eta ? `run ETA ${formatEta(eta.remainingMs(now()))}` : '');

  /** The plain line of the window so far, then a fresh window. */
  const flushWindow = (cell: CellResult) => {
    if (window.length === 0) return;
    out.write(`${windowLine(cell, window, windowKind)}\n`);
    window = [];
  };

  const onSample = (cell: CellResult, sample: IntervalSample, kind: 'load' | 'warm-up') => {
    if (tty) {
      out.write(`\r\x1b[2K${liveLine(cell, sample, kind)}${eta ? `  · ${etaText()}` : ''}`);
      live = true;
      return;
    }
    if (kind !== windowKind) flushWindow(cell);
    windowKind = kind;
    window.push(sample);
    const spanMs = endOf(sample) - window[0]!.ts;
    if (spanMs >= plainEveryMs - 1) flushWindow(cell);
  };

  return {
    onRunStart(results) {
      eta = new RunEta(results);
    },
    onLog(line) {
      clearLive();
      // Lines stay in time order: the seconds so far first, then what happened after them.
      if (!tty && current) flushWindow(current);
      out.write(`${line}\n`);
    },
    onCellStart(cell) {
      current = cell;
      window = [];
      windowKind = 'load';
      clearLive();
      eta?.cellStarted(cell, now());
      const what =
        cell.executor.executor === 'scenarios'
          ? `scenarios ${Object.keys(cell.executor.scenarios).join(' + ')}`
          : cell.executor.executor;
      out.write(`▶ ${tag(cell)}${cell.id}  ${what} (${cell.model} model)${eta ? ` — ${etaText()}` : ''}\n`);
    },
    onWarmupInterval(cell, sample) {
      onSample(cell, sample, 'warm-up');
    },
    onInterval(cell, sample) {
      onSample(cell, sample, 'load');
    },
    onCellEnd(cell) {
      if (!tty) flushWindow(cell);
      current = undefined;
      clearLive();
      eta?.cellEnded(cell, now());
      const s = cell.summary;
      const what = s
        ? `${s.requests} requests, ${s.rate.toFixed(1)} req/s, p95 ${fmtMs(s.duration.p95).trim()}, errors ${(s.errorRate * 100).toFixed(2)}%`
        : 'no requests measured';
      out.write(`■ ${tag(cell)}${cell.id} ${cell.status}: ${what}\n`);
    },
  };
}

const endOf = (s: IntervalSample) => s.ts + s.durationMs;

/** Seconds since the first interval of the phase (the measured load, or the warm-up). */
function phaseIntervals(cell: CellResult, kind: 'load' | 'warm-up'): IntervalSample[] {
  return kind === 'load' ? cell.intervals : (cell.warmup?.intervals ?? []);
}

function elapsedS(cell: CellResult, kind: 'load' | 'warm-up', at: number): number {
  const first = phaseIntervals(cell, kind)[0];
  return first === undefined ? 0 : Math.round((at - first.ts) / 1000);
}

/** The terminal's live line: the last second. */
function liveLine(cell: CellResult, sample: IntervalSample, kind: 'load' | 'warm-up'): string {
  const q = intervalQuick(sample);
  const elapsed = elapsedS(cell, kind, endOf(sample));
  const planned = kind === 'load' ? cell.executor : cell.warmup?.executor;
  const of = planned ? `/${Math.round(executorMs(planned) / 1000)}s` : '';
  const stage = kind === 'load' ? currentStage(cell.executor, cell.preset, elapsed * 1000 - 1) : 'warm-up';
  return (
    `  ${`${elapsed}s${of}`.padStart(9)}  ${q.rate.toFixed(0).padStart(7)} req/s  p50 ${fmtMs(q.p50)}  p95 ${fmtMs(q.p95)}  p99 ${fmtMs(q.p99)}` +
    `  err ${(q.errorRate * 100).toFixed(2)}%  vus ${sample.vus}${sample.droppedIterations ? `  dropped ${sample.droppedIterations}` : ''}${stage ? `  [${stage}]` : ''}`
  );
}

/** A log line: every interval of the window merged, with the time of day at its end. */
export function windowLine(cell: CellResult, window: IntervalSample[], kind: 'load' | 'warm-up'): string {
  const s = summarizeCell(window);
  const last = window.at(-1)!;
  const from = elapsedS(cell, kind, window[0]!.ts);
  const to = elapsedS(cell, kind, endOf(last));
  const vus = Math.max(...window.map((w) => w.vus));
  const stage = kind === 'load' ? currentStage(cell.executor, cell.preset, to * 1000 - 1) : 'warm-up';
  const requests = s.requests > 0;
  return (
    `  ${clock(endOf(last))}  ${`${from}-${to}s`.padStart(9)}  ${s.rate.toFixed(0).padStart(7)} req/s` +
    `  p50 ${requests ? fmtMs(s.duration.med) : fmtNone()}  p95 ${requests ? fmtMs(s.duration.p95) : fmtNone()}  p99 ${requests ? fmtMs(s.duration.p99) : fmtNone()}` +
    `  err ${(s.errorRate * 100).toFixed(2)}%  vus ${vus}${s.droppedIterations ? `  dropped ${s.droppedIterations}` : ''}${stage ? `  [${stage}]` : ''}`
  );
}

/** `14:03:27`, local time. */
function clock(epochMs: number): string {
  const d = new Date(epochMs);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function fmtMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)}ms`.padStart(8);
}

function fmtNone(): string {
  return '–'.padStart(8);
}
