/**
 * Beside step 4: an architecture with a scaler (targets: `scaler`, e.g.
 * autoscaled) gets its loop (scaler-loop.ts) for the length of the load,
 * ticked by each interval sample before it is stored, stopped before the
 * targets are (teardown), and its record analysed once the load is over.
 */
import type { Deployment, ScalerPolicy } from '../../../model/index.ts';
import { analyzeScaling } from '../../analysis/index.ts';
import type { CellContext } from './cell-context.ts';
import { ScalerLoop } from './scaler-loop.ts';

export interface CellScaler {
  loop: ScalerLoop;
  /** After the load: no more decisions, a change under way finished, the analysis stored. */
  finish(startMs: number): Promise<void>;
}

export function startScaler(ctx: CellContext, deployment: Deployment): CellScaler | undefined {
  const spec = ctx.cell.target.spec;
  if (!('arch' in spec)) return undefined;
  const policy: ScalerPolicy | undefined = ctx.deps.archScaler?.(spec.arch, spec.params ?? {});
  if (policy === undefined) return undefined;
  const scale = deployment.scale?.bind(deployment);
  if (scale === undefined) {
    ctx.log(`this runtime cannot scale: the scaler of ${spec.arch} stays off`);
    return undefined;
  }
  const loop = new ScalerLoop({
    policy,
    initial: deployment.component(policy.component).map((i) => i.id),
    scale: (replicas) => scale(policy.component, replicas, { signal: ctx.signal }),
    resources: ctx.result.resources ?? {},
    update: (scaling) => ctx.update({ scaling }),
    log: (line) => ctx.log(line),
  });
  ctx.teardown.push('stop the scaler', () => loop.stop());
  return {
    loop,
    async finish(startMs) {
      await loop.stop();
      const { scaling } = loop;
      ctx.update({
        scaling: {
          ...scaling,
          analysis: analyzeScaling(ctx.result.intervals, scaling, ctx.cell.preset, startMs),
        },
      });
    },
  };
}
