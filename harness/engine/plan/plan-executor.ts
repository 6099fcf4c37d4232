import type { ExecutorConfig } from '../../../model/index.ts';
import { planConstantArrivalRate } from './constant-arrival-rate.ts';
import { planConstantVus } from './constant-vus.ts';
import { planPerVuIterations, planSharedIterations } from './iterations.ts';
import { planRampingArrivalRate } from './ramping-arrival-rate.ts';
import { planRampingVus } from './ramping-vus.ts';
import type { ExecutorPlan } from './types.ts';

/** The timeline of one executor: a pure function of its config. */
export function planExecutor(config: ExecutorConfig): ExecutorPlan {
  switch (config.executor) {
    case 'constant-vus':
      return planConstantVus(config);
    case 'ramping-vus':
      return planRampingVus(config);
    case 'constant-arrival-rate':
      return planConstantArrivalRate(config);
    case 'ramping-arrival-rate':
      return planRampingArrivalRate(config);
    case 'shared-iterations':
      return planSharedIterations(config);
    case 'per-vu-iterations':
      return planPerVuIterations(config);
  }
}
