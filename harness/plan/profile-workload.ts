/**
 * The workload one profile runs: the scenario's request mix with the
 * profile's `weights` applied (a request weighted 0 is left out).
 */
import type { ExecutorConfig, Workload } from '../../model/index.ts';

export function profileWorkload(workload: Workload, executor: ExecutorConfig): Workload {
  const weights = executor.weights;
  if (!weights) return workload;
  const mix = workload.mix
    .map((r) => (r.name in weights ? { ...r, weight: weights[r.name]! } : r))
    .filter((r) => r.weight > 0);
  return { ...workload, mix };
}
