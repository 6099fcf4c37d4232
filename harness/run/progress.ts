/**
 * Live progress: on a terminal, one line rewritten every second (rate, p95,
 * errors, VUs); otherwise a plain line every few seconds, readable in CI logs.
 */
import { intervalQuick } from '../../model/index.ts';
import { currentStage } from './current-stage.ts';
import type { RunObserver } from './observer.ts';

export function progressObserver(out: NodeJS.WriteStream, opts: { plainEveryS?: number } = {}): RunObserver {
  const tty = out.isTTY === true;
  const plainEvery = opts.plainEveryS ?? 5;
  let live = false;
  let count = 0;
  const clearLive = () => {
    if (live) out.write('\r\x1b[2K');
    live = false;
  };
  return {
    onLog(line) {
      clearLive();
      out.write(`${line}\n`);
    },
    onCellStart(cell) {
      count = 0;
      clearLive();
      const what =
        cell.executor.executor === 'scenarios'
          ? `scenarios ${Object.keys(cell.executor.scenarios).join(' + ')}`
          : cell.executor.executor;
      out.write(`▶ ${cell.id}  ${what} (${cell.model} model)\n`);
    },
    onInterval(cell, sample) {
      count++;
      const q = intervalQuick(sample);
      const elapsed = Math.round(
        (sample.ts + sample.durationMs - (cell.intervals[0]?.ts ?? sample.ts)) / 1000,
      );
      const stage = currentStage(cell.executor, cell.preset, elapsed * 1000 - 1);
      const line =
        `  ${String(elapsed).padStart(4)}s  ${q.rate.toFixed(0).padStart(7)} req/s  p50 ${fmtMs(q.p50)}  p95 ${fmtMs(q.p95)}  p99 ${fmtMs(q.p99)}` +
        `  err ${(q.errorRate * 100).toFixed(2)}%  vus ${sample.vus}${sample.droppedIterations ? `  dropped ${sample.droppedIterations}` : ''}${stage ? `  [${stage}]` : ''}`;
      if (tty) {
        out.write(`\r\x1b[2K${line}`);
        live = true;
      } else if (count % plainEvery === 0) {
        out.write(`${line}\n`);
      }
    },
    onCellEnd(cell) {
      clearLive();
      const s = cell.summary;
      const what = s
        ? `${s.requests} requests, ${s.rate.toFixed(1)} req/s, p95 ${fmtMs(s.duration.p95)}, errors ${(s.errorRate * 100).toFixed(2)}%`
        : 'no requests measured';
      out.write(`■ ${cell.id} ${cell.status}: ${what}\n`);
    },
  };
}

function fmtMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)}ms`.padStart(8);
}
