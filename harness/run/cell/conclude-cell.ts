/**
 * Step 6, also after a failure or an abort: the cell's summary, threshold
 * verdicts and preset analysis, from whatever intervals it stored, and its
 * status. A capacity cell's summary, thresholds and cost are those of the
 * step at its capacity. A search the load generator stopped before any step
 * held measured the generator, not the target: its SLO is not judged (no
 * threshold verdicts, so it fails no gate); the cell says it was
 * generator-bound and why.
 */
import type { CellResult } from '../../../model/index.ts';
import { evaluateThresholds, HarnessError, summarizeCell } from '../../../model/index.ts';
import { analyzeCell, cellCost } from '../../analysis/index.ts';
import { capacityIntervals } from '../../capacity/index.ts';
import type { CellContext } from './cell-context.ts';
import { ABORT_ON_FAIL } from './drive-load.ts';

export function concludeCell(ctx: CellContext, failure: unknown): CellResult['status'] {
  const { scenario, cell, result } = ctx;
  // A capacity cell is judged at its capacity: summary, SLO and cost over that step's window.
  const judged = capacityIntervals(result) ?? result.intervals;
  const has = judged.length > 0;
  const summary = has ? summarizeCell(judged) : undefined;
  const unmeasured = result.capacity?.capacity === null && result.capacity.stop === 'generator';
  const thresholds =
    scenario.thresholds && has && !unmeasured ? evaluateThresholds(scenario.thresholds, judged) : undefined;
  const reason = ctx.signal.reason;
  if (thresholds && reason instanceof Error && reason.message === ABORT_ON_FAIL) {
    for (const t of thresholds) if (!t.ok && t.abortOnFail) t.abortedRun = true;
  }
  // Also for a cell stopped early: a stress run ended by an abortOnFail threshold still has its breaking point.
  const analysis =
    cell.preset && has
      ? analyzeCell(cell.preset, result.intervals, scenario.thresholds, result.resources)
      : undefined;
  const cost = cellCost({ intervals: judged, resources: result.resources, thresholds });
  const runAborted = ctx.deps.signal.aborted;
  const status = runAborted ? 'aborted' : failure !== undefined ? 'failed' : 'completed';
  ctx.update({
    status,
    endedAt: Date.now(),
    ...(summary ? { summary } : {}),
    ...(thresholds ? { thresholds } : {}),
    ...(analysis ? { analysis } : {}),
    ...(cost ? { cost } : {}),
    ...(failure !== undefined && !runAborted ? { error: describeError(failure) } : {}),
  });
  return status;
}

function describeError(err: unknown): { code: string; message: string } {
  if (err instanceof HarnessError)
    return { code: err.code, message: err.hint ? `${err.message}\n${err.hint}` : err.message };
  return { code: 'ERROR', message: (err as Error)?.message ?? String(err) };
}
