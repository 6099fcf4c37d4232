import type { ExecutorConfig } from '../../../model/index.ts';
import { ms, startAndGrace } from './common.ts';
import type { VuPlan } from './types.ts';

type Config = Extract<ExecutorConfig, { executor: 'constant-vus' }>;

/** k6 constant-vus: `vus` VUs loop for `duration`. */
export function planConstantVus(config: Config): VuPlan {
  const endMs = ms(config.duration, 0);
  return {
    model: 'closed',
    executor: 'constant-vus',
    ...startAndGrace(config),
    steps:
      endMs > 0
        ? [
            { atMs: 0, vus: config.vus },
            { atMs: endMs, vus: 0 },
          ]
        : [{ atMs: 0, vus: 0 }],
    endMs,
    gracefulRampDownMs: 0,
    maxVus: config.vus,
    iterations: { kind: 'time' },
  };
}
