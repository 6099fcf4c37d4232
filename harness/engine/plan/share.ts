import type { ArrivalPlan, ExecutorPlan, VuPlan, VuStep } from './types.ts';

/** Which part of the work one of `count` worker threads does (0 ≤ index < count). */
export interface Share {
  index: number;
  count: number;
}

/** How many of the items 1..n fall to `share` (item k goes to worker (k-1) mod count). */
export function shareOf(n: number, { index, count }: Share): number {
  return n > index ? Math.floor((n - 1 - index) / count) + 1 : 0;
}

/** Global number (1-based) of a worker's local VU (1-based): VU k runs on worker (k-1) mod count. */
export function globalVu(local: number, { index, count }: Share): number {
  return (local - 1) * count + index + 1;
}

/**
 * One worker's part of a plan, so that the workers together run exactly the
 * single-thread plan:
 * - open model: worker i starts iterations n ≡ i (mod count), at the same
 *   intended times, so the union of their starts is the plan's;
 * - closed model: worker i runs the VUs numbered k ≡ i+1 (mod count) of every
 *   step (VU k of the plan is the same VU all along), and its share of a
 *   shared iteration budget.
 */
export function sharePlan(plan: ExecutorPlan, share: Share): ExecutorPlan {
  if (share.count <= 1) return plan;
  return plan.model === 'open' ? shareArrival(plan, share) : shareVus(plan, share);
}

function shareArrival(plan: ArrivalPlan, share: Share): ArrivalPlan {
  const { index, count } = share;
  return {
    ...plan,
    preAllocatedVUs: Math.max(1, Math.ceil(plan.preAllocatedVUs / count)),
    maxVUs: Math.max(1, Math.ceil(plan.maxVUs / count)),
    peakRatePerSec: plan.peakRatePerSec / count,
    totalIterations: shareOf(plan.totalIterations, share),
    startOf: (k) => plan.startOf(k * count + index),
  };
}

function shareVus(plan: VuPlan, share: Share): VuPlan {
  const steps: VuStep[] = [];
  for (const step of plan.steps) {
    const vus = shareOf(step.vus, share);
    const last = steps[steps.length - 1];
    if (last !== undefined && last.vus === vus) continue;
    steps.push({ atMs: step.atMs, vus });
  }
  const budget = plan.iterations;
  return {
    ...plan,
    steps,
    maxVus: shareOf(plan.maxVus, share),
    iterations:
      budget.kind === 'shared' ? { kind: 'shared', total: sharedBudget(plan, budget.total, share) } : budget,
  };
}

/** A shared iteration budget split in proportion to the workers' VUs (remainder to the first ones). */
function sharedBudget(plan: VuPlan, total: number, share: Share): number {
  const vus = plan.maxVus;
  if (vus === 0) return share.index === 0 ? total : 0;
  const parts: number[] = [];
  let given = 0;
  for (let j = 0; j < share.count; j++) {
    const part = Math.floor((total * shareOf(vus, { index: j, count: share.count })) / vus);
    parts.push(part);
    given += part;
  }
  for (let j = 0; given < total; j = (j + 1) % share.count) {
    if (shareOf(vus, { index: j, count: share.count }) === 0) continue;
    parts[j]!++;
    given++;
  }
  return parts[share.index]!;
}
