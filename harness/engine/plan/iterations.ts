import type { ExecutorConfig } from '../../../model/index.ts';
import { ms, startAndGrace } from './common.ts';
import type { VuPlan } from './types.ts';

type Shared = Extract<ExecutorConfig, { executor: 'shared-iterations' }>;
type PerVu = Extract<ExecutorConfig, { executor: 'per-vu-iterations' }>;

/**
 * k6 shared-iterations: `vus` VUs share `iterations`; the executor ends when
 * they are done or after `maxDuration`. k6 rejects fewer iterations than VUs;
 * here the VU count is capped at the iteration count instead (a VU without an
 * iteration would idle).
 */
export function planSharedIterations(config: Shared): VuPlan {
  const vus = Math.min(config.vus, config.iterations);
  const endMs = ms(config.maxDuration, 0);
  return {
    model: 'closed',
    executor: 'shared-iterations',
    ...startAndGrace(config),
    steps: [
      { atMs: 0, vus },
      { atMs: endMs, vus: 0 },
    ],
    endMs,
    gracefulRampDownMs: 0,
    maxVus: vus,
    iterations: { kind: 'shared', total: config.iterations },
  };
}

/** k6 per-vu-iterations: each of `vus` VUs runs `iterations`, within `maxDuration`. */
export function planPerVuIterations(config: PerVu): VuPlan {
  const endMs = ms(config.maxDuration, 0);
  return {
    model: 'closed',
    executor: 'per-vu-iterations',
    ...startAndGrace(config),
    steps: [
      { atMs: 0, vus: config.vus },
      { atMs: endMs, vus: 0 },
    ],
    endMs,
    gracefulRampDownMs: 0,
    maxVus: config.vus,
    iterations: { kind: 'per-vu', perVu: config.iterations },
  };
}
