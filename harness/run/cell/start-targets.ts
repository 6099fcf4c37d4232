/** Step 1: start the cell's topology (with fault proxies on the edges its schedule needs) and wait until ready. */
import { edgesOf, startFaultProxy } from '../../../chaos/index.ts';
import type { Deployment } from '../../../model/index.ts';
import { targetTopology } from '../target-topology.ts';
import type { CellContext } from './cell-context.ts';

export async function startTargets(ctx: CellContext): Promise<Deployment> {
  const { cell, deps } = ctx;
  const topology = targetTopology(cell.target, deps.resolveArch);
  const startedAt = performance.now();
  // Fault proxies only on the edges a network fault of this schedule needs.
  const edgeProxies = edgesOf(cell.schedule?.faults ?? [], topology);
  const deployment = await deps.runtime.start(topology, {
    runId: deps.store.results.runId,
    signal: ctx.signal,
    log: (line) => ctx.log(line),
    // The factory also serves the links between regions, which the runtime proxies whatever the schedule.
    proxyFactory: startFaultProxy,
    ...(edgeProxies.length > 0 ? { edgeProxies } : {}),
  });
  ctx.teardown.push('stop targets', () => deployment.stop());
  deps.observer.onDeploymentReady(ctx.result, deployment);
  const startup = { totalMs: Math.round(performance.now() - startedAt), components: deployment.startTimes };
  ctx.update({ startup });
  const parts = Object.entries(startup.components).map(([c, ms]) => `${c} ${Math.round(ms)} ms`);
  ctx.log(`started in ${startup.totalMs} ms (${parts.join(', ')})`);
  return deployment;
}
