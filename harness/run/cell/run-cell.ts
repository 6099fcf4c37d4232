/**
 * One cell, step by step: start the topology → seed → apply the schedule's
 * conditions → warm up → load with faults and sampling (or, for a capacity
 * profile, a search of rates) → read back → (always) conclude. Every cleanup sits on
 * the cell's LIFO teardown stack, unwound after the steps whatever happened:
 * faults reverted, sampler stopped, targets stopped.
 */

import type { ScenarioConfig } from '../../../model/index.ts';
import { AbortedError, ExitCode, HarnessError } from '../../../model/index.ts';
import type { PlannedCell, RunPlan } from '../../plan/plan.ts';
import { httpAdmin } from '../target-admin.ts';
import { TeardownStack } from '../teardown.ts';
import { applyConditions } from './apply-conditions.ts';
import type { CellContext, OrchestratorDeps } from './cell-context.ts';
import { concludeCell } from './conclude-cell.ts';
import { loadStepOf } from './load-step.ts';
import { readBack } from './read-back.ts';
import { seedTargets, warmUp } from './seed-and-warm-up.ts';
import { startTargets } from './start-targets.ts';

export async function runCell(
  scenario: ScenarioConfig,
  plan: RunPlan,
  cell: PlannedCell,
  deps: OrchestratorDeps,
): Promise<void> {
  const { store, observer } = deps;
  const teardown = new TeardownStack();
  const cellAbort = new AbortController();
  const onRunAbort = () => cellAbort.abort(deps.signal.reason);
  deps.signal.addEventListener('abort', onRunAbort, { once: true });
  teardown.push('signal listener', () => deps.signal.removeEventListener('abort', onRunAbort));
  const ctx: CellContext = {
    scenario,
    plan,
    cell,
    deps,
    admin: deps.admin ?? httpAdmin,
    result: store.cell(cell.id),
    update: (patch) => store.updateCell(cell.id, patch),
    log: (line) => observer.onLog(`[${cell.id}] ${line}`),
    signal: cellAbort.signal,
    abort: (reason) => cellAbort.abort(reason),
    teardown,
    builtIn: cell.target.kind === 'arch',
  };

  ctx.update({ status: 'running', startedAt: Date.now() });
  observer.onCellStart(ctx.result);
  let failure: unknown;
  try {
    const deployment = await startTargets(ctx);
    await seedTargets(ctx, deployment);
    const conditions = await applyConditions(ctx, deployment);
    const warmupLedger = await warmUp(ctx, deployment);
    const { ledger } = await loadStepOf(cell)(ctx, deployment, conditions);
    await readBack(ctx, deployment, [...warmupLedger, ...ledger]);
  } catch (err) {
    failure = err;
  } finally {
    for (const e of await teardown.unwind()) ctx.log(e.message);
  }

  concludeCell(ctx, failure);
  observer.onCellEnd(ctx.result);
  if (deps.signal.aborted) throw new AbortedError(String(deps.signal.reason?.message ?? 'signal'));
  if (failure !== undefined) {
    if (failure instanceof HarnessError) throw failure;
    throw new HarnessError('CELL_FAILED', `${cell.id}: ${(failure as Error)?.message ?? failure}`, {
      exitCode: ExitCode.targetFailed,
      cause: failure,
    });
  }
}
