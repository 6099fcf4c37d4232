import type { ExecutorConfig } from '../../../model/index.ts';
import { planExecutor } from './plan-executor.ts';
import { globalVu, type Share, sharePlan } from './share.ts';
import type { ExecutorPlan } from './types.ts';

/** One scenario of a run, planned: its executor's plan and where its VU numbers begin. */
export interface ScenarioPlan {
  name: string | undefined;
  plan: ExecutorPlan;
  /** VU numbers of this scenario are `vuOffset + 1 …`: after every VU the earlier scenarios may have. */
  vuOffset: number;
}

/** Most VUs a plan ever has (open: maxVUs; closed: its peak). */
export const maxVusOf = (plan: ExecutorPlan): number => (plan.model === 'open' ? plan.maxVUs : plan.maxVus);

/**
 * The scenarios of one run (k6 `options.scenarios`) as data: each one's plan
 * (its own `startTimeMs`) and VU numbering, unique across scenarios as in k6.
 * A pure function of the configs.
 */
export function planScenarios(
  scenarios: readonly { name?: string | undefined; executor: ExecutorConfig }[],
): ScenarioPlan[] {
  let offset = 0;
  return scenarios.map((s) => {
    const plan = planExecutor(s.executor);
    const vuOffset = offset;
    offset += maxVusOf(plan);
    return { name: s.name, plan, vuOffset };
  });
}

/**
 * One worker's part of every scenario: each is shared as a single executor
 * is (`sharePlan`), so the union of the workers' scenario plans is the
 * single-thread plan. VU numbers stay unique across scenarios and workers:
 * an open-model pool rounds up per worker (50 maxVUs over 3 workers is 17
 * each, numbers up to 51), so the next scenario's numbers begin after that.
 */
export function shareScenarios(plans: readonly ScenarioPlan[], share: Share): ScenarioPlan[] {
  if (share.count <= 1) return [...plans];
  let offset = 0;
  return plans.map((p) => {
    const vuOffset = offset;
    offset +=
      p.plan.model === 'open'
        ? share.count * Math.max(1, Math.ceil(p.plan.maxVUs / share.count))
        : p.plan.maxVus;
    return { ...p, plan: sharePlan(p.plan, share), vuOffset };
  });
}

/** Global VU number of a scenario's local VU (1-based) on the worker `share`. */
export function scenarioVu(p: ScenarioPlan, local: number, share: Share): number {
  return p.vuOffset + globalVu(local, share);
}

/** `open`, `closed`, or `mixed` when a run has scenarios of both models. */
export function runModel(plans: readonly ExecutorPlan[]): 'open' | 'closed' | 'mixed' {
  if (plans.every((p) => p.model === 'open')) return 'open';
  return plans.some((p) => p.model === 'open') ? 'mixed' : 'closed';
}

/** maxVUs of the open-model scenarios together, for the dropped-iterations note (undefined: none). */
export function openMaxVus(plans: readonly ExecutorPlan[]): number | undefined {
  const open = plans.filter((p) => p.model === 'open');
  return open.length === 0 ? undefined : open.reduce((n, p) => n + p.maxVUs, 0);
}
