/**
 * Runs a plan: each cell in turn (cell/run-cell.ts: start the topology and
 * wait for readiness → seed the dataset → run the profile while sampling
 * resources and applying faults → read back acknowledged writes → stop
 * everything → store the cell), and the scaling curves of swept targets as
 * they fill in. After all cells: the verdict.
 */

import type { CellResult, RunResults, ScenarioConfig } from '../../model/index.ts';
import { AbortedError, ExitCode, HarnessError, modelOf } from '../../model/index.ts';

import { scalingCurves } from '../capacity/index.ts';
import type { PlannedCell, RunPlan } from '../plan/plan.ts';
import type { OrchestratorDeps } from './cell/cell-context.ts';
import { runCell } from './cell/run-cell.ts';
import { verdictOf } from './verdict.ts';

export type { OrchestratorDeps } from './cell/cell-context.ts';

export function newCellResult(cell: PlannedCell): CellResult {
  return {
    id: cell.id,
    // A fault schedule makes its own row beside the no-fault one: `monolith@kill-app`.
    target: cell.schedule ? `${cell.target.name}@${cell.schedule.name}` : cell.target.name,
    ...(cell.schedule ? { schedule: cell.schedule.name } : {}),
    targetKind: cell.target.kind === 'arch' ? (cell.target.spec as { arch: string }).arch : cell.target.kind,
    profile: cell.profile,
    trial: cell.trial,
    executor: cell.executor,
    ...(cell.preset ? { preset: cell.preset } : {}),
    ...(cell.target.sweep ? { sweep: cell.target.sweep } : {}),
    model: modelOf(cell.executor),
    status: 'pending',
    intervals: [],
  };
}

/** Runs every cell of the plan, in order. Returns the final results with their verdict. */
export async function runPlan(
  scenario: ScenarioConfig,
  plan: RunPlan,
  deps: OrchestratorDeps,
): Promise<RunResults> {
  const { store, observer } = deps;
  const results = store.results;
  observer.onRunStart(results);
  let fatal: unknown;
  for (const cell of plan.cells) {
    if (deps.signal.aborted || fatal !== undefined) {
      store.updateCell(cell.id, { status: 'skipped' });
      continue;
    }
    try {
      await runCell(scenario, plan, cell, deps);
    } catch (err) {
      // A target that fails to start fails its cell; the comparison goes on
      // with the other cells. Anything else (an abort, a harness bug) ends the run.
      if (!(err instanceof HarnessError && err.exitCode === ExitCode.targetFailed)) fatal = err;
    }
    // Capacity against a swept parameter, as far as the run got.
    const scaling = scalingCurves(results);
    if (scaling.length > 0) store.updateRun({ scaling });
  }
  results.endedAt = Date.now();
  results.verdict = verdictOf(results, deps.signal, fatal);
  results.status = deps.signal.aborted
    ? 'aborted'
    : fatal !== undefined || results.cells.some((c) => c.status === 'failed')
      ? 'failed'
      : 'completed';
  store.flush();
  observer.onRunEnd(results);
  if (fatal !== undefined && !(fatal instanceof AbortedError) && !deps.signal.aborted) throw fatal;
  return results;
}
