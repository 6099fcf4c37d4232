/**
 * Step 5: what the target says after the load — its own metrics, every
 * acknowledged write read back, and its architecture's own integrity checks
 * (half-done sagas, the event log's order), whose failures count as lost data.
 */
import type { Deployment, LedgerEntry } from '../../../model/index.ts';
import { checkIntegrity, describeChecks } from '../architecture-integrity.ts';
import type { CellContext } from './cell-context.ts';

export async function readBack(
  ctx: CellContext,
  deployment: Deployment,
  ledger: LedgerEntry[],
): Promise<void> {
  if (!ctx.builtIn || ctx.deps.signal.aborted) return;
  ctx.update({ targetMetrics: await ctx.admin.scrape(deployment) });
  const verify = ctx.deps.archVerify?.(ctx.result.targetKind);
  const integrity = await checkIntegrity(deployment, ledger, verify, ctx.admin.verify, ctx.signal);
  if (integrity === undefined) return;
  ctx.update({ integrity });
  const { checked, lost, stale } = integrity;
  ctx.log(
    `integrity: ${checked} acknowledged writes checked, ${lost} lost, ${stale} stale${describeChecks(integrity)}`,
  );
}
