/** Steps 2 and 3: seed the dataset (built-in architectures), then the scenario's warm-up pause. */
import type { Deployment } from '../../../model/index.ts';
import { parseDuration } from '../../../model/index.ts';
import type { CellContext } from './cell-context.ts';

export async function seedTargets(ctx: CellContext, deployment: Deployment): Promise<void> {
  const { dataset } = ctx.scenario;
  if (!ctx.builtIn || dataset.items <= 0) return;
  const seed = await ctx.admin.seed(deployment.entryUrl, dataset, ctx.signal);
  ctx.update({ seed });
  ctx.log(`seeded ${seed.items} items in ${seed.ms} ms`);
}

export async function warmUp(ctx: CellContext): Promise<void> {
  const ms = parseDuration(ctx.plan.warmup);
  if (ms > 0) await sleep(ms, ctx.signal);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
