/** Step 5: what the target says after the load — its own metrics, and every acknowledged write read back. */
import type { Deployment, LedgerEntry } from '../../../model/index.ts';
import type { CellContext } from './cell-context.ts';

export async function readBack(
  ctx: CellContext,
  deployment: Deployment,
  ledger: LedgerEntry[],
): Promise<void> {
  if (!ctx.builtIn || ctx.deps.signal.aborted) return;
  ctx.update({ targetMetrics: await ctx.admin.scrape(deployment) });
  if (ledger.length === 0) return;
  const integrity = await ctx.admin.verify(deployment.entryUrl, ledger, ctx.signal);
  ctx.update({ integrity });
  ctx.log(
    `integrity: ${integrity.checked} acknowledged writes checked, ${integrity.lost} lost, ${integrity.stale} stale`,
  );
}
