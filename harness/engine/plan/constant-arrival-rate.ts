import { type ExecutorConfig, vuPool } from '../../../model/index.ts';
import { ms, startAndGrace } from './common.ts';
import type { ArrivalPlan } from './types.ts';

type Config = Extract<ExecutorConfig, { executor: 'constant-arrival-rate' }>;

/**
 * k6 constant-arrival-rate: `rate` iterations per `timeUnit` for `duration`.
 * As in k6, the first iteration starts at 0 and the n-th at n·timeUnit/rate,
 * so 500/s for 2 s starts exactly 1000 iterations.
 */
export function planConstantArrivalRate(config: Config): ArrivalPlan {
  const endMs = ms(config.duration, 0);
  const timeUnitMs = ms(config.timeUnit, 1000);
  const periodMs = timeUnitMs / config.rate;
  const peakRatePerSec = (config.rate * 1000) / timeUnitMs;
  // The epsilon keeps 2000 ms / 2 ms from counting a 1001st iteration through float error.
  const totalIterations = endMs <= 0 ? 0 : Math.ceil(endMs / periodMs - 1e-9);
  return {
    model: 'open',
    executor: 'constant-arrival-rate',
    ...startAndGrace(config),
    endMs,
    ...vuPool(peakRatePerSec, config.preAllocatedVUs, config.maxVUs),
    peakRatePerSec,
    totalIterations,
    startOf: (n) => n * periodMs,
  };
}
