import type { ExecutorConfig } from '../../../model/index.ts';
import { ms, startAndGrace } from './common.ts';
import { DEFAULT_GRACEFUL_MS, type VuPlan, type VuStep } from './types.ts';
import { pushStep, zeroEnd } from './vu-steps.ts';

type Config = Extract<ExecutorConfig, { executor: 'ramping-vus' }>;

/**
 * k6 ramping-vus: from `startVUs`, each stage moves linearly to its target
 * over its duration. As in k6 (`getRawExecutionSteps`), a ramp from a to b
 * ending at E reaches each count v between them at E - D·(b-v)/(b-a): one VU
 * more (or less) at each step, the target exactly at the stage's end. A stage
 * of zero duration jumps. The timeline ends with 0 VUs after the last stage.
 */
export function planRampingVus(config: Config): VuPlan {
  const steps: VuStep[] = [{ atMs: 0, vus: config.startVUs }];
  let from = config.startVUs;
  let endOfStage = 0;
  let maxVus = config.startVUs;
  for (const stage of config.stages) {
    const durationMs = ms(stage.duration, 0);
    const to = stage.target;
    endOfStage += durationMs;
    maxVus = Math.max(maxVus, to);
    if (to === from) continue;
    if (durationMs === 0) {
      pushStep(steps, endOfStage, to);
    } else {
      const dir = to > from ? 1 : -1;
      for (let v = from + dir; dir > 0 ? v <= to : v >= to; v += dir) {
        pushStep(steps, endOfStage - (durationMs * (to - v)) / (to - from), v);
      }
    }
    from = to;
  }
  return {
    model: 'closed',
    executor: 'ramping-vus',
    ...startAndGrace(config),
    steps: zeroEnd(steps, endOfStage),
    endMs: endOfStage,
    gracefulRampDownMs: ms(config.gracefulRampDown, DEFAULT_GRACEFUL_MS),
    maxVus,
    iterations: { kind: 'time' },
  };
}
