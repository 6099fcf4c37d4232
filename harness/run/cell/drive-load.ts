/**
 * Step 4: the load profile, with the fault schedule applied and reverted on
 * its timeline and every instance's CPU and memory sampled, until the engine
 * ends (or the cell is aborted). Intervals and acknowledged writes are stored
 * as they arrive; an abortOnFail threshold aborts the cell.
 */
import type { FaultSchedule } from '../../../chaos/index.ts';
import type { CellResult, Deployment, LedgerEntry } from '../../../model/index.ts';
import { evaluateThresholds, regionLatency } from '../../../model/index.ts';
import type { EngineRunResult } from '../../engine/index.ts';
import { shouldAbort } from '../../thresholds/index.ts';
import { sampleResources } from '../resource-sampler.ts';
import { startScaler } from './autoscale.ts';
import type { CellContext } from './cell-context.ts';
import { startCellFaults } from './cell-faults.ts';
import { engineRequest } from './engine-request.ts';

export const ABORT_ON_FAIL = 'abortOnFail threshold';

export interface LoadOutcome {
  ledger: LedgerEntry[];
  run: EngineRunResult;
}

export async function driveLoad(
  ctx: CellContext,
  deployment: Deployment,
  conditions: FaultSchedule,
): Promise<LoadOutcome> {
  const { scenario, cell, deps } = ctx;
  const resources: NonNullable<CellResult['resources']> = {};
  ctx.update({ resources });
  ctx.teardown.push('resource sampler', sampleResources(deployment, resources));

  const ledger: LedgerEntry[] = [];
  const thresholds = scenario.thresholds;
  const abortOnFail = Object.values(thresholds ?? {}).some((list) =>
    list.some((t) => typeof t !== 'string' && t.abortOnFail),
  );
  const loadStart = Date.now();
  const faults = startCellFaults(ctx, deployment, conditions, loadStart);
  // An architecture with a scaler (autoscaled) changes its replicas as the intervals come in.
  const scaler = startScaler(ctx, deployment);
  const run = await deps.engine.run(
    engineRequest(ctx, deployment, cell.executor, {
      onInterval: (sample) => {
        scaler?.loop.onInterval(sample);
        deps.store.addInterval(cell.id, sample);
        deps.observer.onInterval(ctx.result, sample);
        if (abortOnFail && thresholds && !ctx.signal.aborted) {
          const verdicts = evaluateThresholds(thresholds, ctx.result.intervals);
          if (shouldAbort(verdicts, Date.now() - loadStart)) {
            ctx.log('an abortOnFail threshold failed: stopping this cell');
            ctx.abort(new Error(ABORT_ON_FAIL));
          }
        }
      },
      onLedger: (entries) => {
        ledger.push(...entries);
        deps.store.appendLedger(cell.id, entries);
      },
    }),
  );
  // Open-ended faults and the conditions end with the load, before the integrity check reads back.
  await faults.finish();
  await scaler?.finish(run.startedAt);
  // Clients with a home region: latency and failures per region, from the requests each region sent.
  const regions = regionLatency(cell.executor, ctx.result.intervals);
  if (regions !== undefined) ctx.update({ regions });
  ctx.update({
    generatorBound: run.generatorBound,
    generatorNotes: run.generatorNotes,
    ...(run.vuPoolNotes.length > 0 ? { vuPoolNotes: run.vuPoolNotes } : {}),
  });
  if (run.generatorBound)
    ctx.log(`WARNING: the load generator was the bottleneck: ${run.generatorNotes.join('; ')}`);
  for (const note of run.vuPoolNotes) ctx.log(`WARNING: ${ctx.result.target} was too slow: ${note}`);
  return { ledger, run };
}
