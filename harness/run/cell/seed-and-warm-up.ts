/**
 * Steps 2 and 3: seed the dataset (built-in architectures), then the
 * warm-up — the profile's own load (or the scenario's `warmup` rate or VUs)
 * for the warm-up's duration, so the measured load meets warm caches, open
 * connections, a compiled service and a database that has read its pages.
 * Its intervals go to `cells[].warmup`, never into the cell's figures,
 * thresholds or analysis; no fault runs during it. Its acknowledged writes
 * are read back with the measured ones.
 */
import type { Deployment, LedgerEntry } from '../../../model/index.ts';
import { summarizeCell } from '../../../model/index.ts';
import type { CellContext } from './cell-context.ts';
import { engineRequest } from './engine-request.ts';

export async function seedTargets(ctx: CellContext, deployment: Deployment): Promise<void> {
  const { dataset } = ctx.scenario;
  if (!ctx.builtIn || dataset.items <= 0) return;
  const seed = await ctx.admin.seed(deployment.entryUrl, dataset, ctx.signal);
  ctx.update({ seed });
  ctx.log(`seeded ${seed.items} items in ${seed.ms} ms`);
}

/** Runs the cell's warm-up, if it has one; returns the writes it acknowledged. */
export async function warmUp(ctx: CellContext, deployment: Deployment): Promise<LedgerEntry[]> {
  const { cell, deps } = ctx;
  const ledger: LedgerEntry[] = [];
  if (cell.warmup === undefined || ctx.signal.aborted) return ledger;
  ctx.update({ warmup: { executor: cell.warmup, startedAt: Date.now(), intervals: [] } });
  await deps.engine.run(
    engineRequest(ctx, deployment, cell.warmup, {
      onInterval: (sample) => {
        deps.store.addWarmupInterval(cell.id, sample);
        deps.observer.onWarmupInterval(ctx.result, sample);
      },
      onLedger: (entries) => {
        ledger.push(...entries);
        deps.store.appendLedger(cell.id, entries);
      },
    }),
  );
  const warmup = ctx.result.warmup!;
  const summary = warmup.intervals.length > 0 ? summarizeCell(warmup.intervals) : undefined;
  ctx.update({ warmup: { ...warmup, endedAt: Date.now(), ...(summary ? { summary } : {}) } });
  if (summary)
    ctx.log(
      `warmed up for ${(summary.durationMs / 1000).toFixed(0)} s: ${summary.requests} requests, p95 ${summary.duration.p95.toFixed(2)} ms, errors ${(summary.errorRate * 100).toFixed(2)}% (not counted)`,
    );
  return ledger;
}
