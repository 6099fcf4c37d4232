/**
 * An architecture's scaler, as a Kubernetes HorizontalPodAutoscaler decides:
 * a policy (which component, which metric, its target, min/max replicas, a
 * step, a scale-down stabilisation window) and the decision, a pure function
 * of the policy, what it remembers and what it measures now — no timers, no
 * I/O, tested as data. Harness runs the loop that feeds it each interval's
 * measurement and calls the runtime (harness/run/cell/autoscale.ts).
 *
 * The decision, step by step (HPA's):
 * 1. ratio = metric / target; within 1 ± tolerance → keep the current count;
 *    otherwise recommend ceil(current × ratio), bounded by min and max.
 * 2. Scale-down stabilisation (HPA `behavior.scaleDown.stabilizationWindowSeconds`):
 *    the count may only fall to the highest recommendation of the last
 *    `cooldownMs` — a replica goes once the load has been low for the whole
 *    window. Scale-up is not stabilised (HPA's default window 0).
 * 3. Rate limit (HPA's `Pods` policy): at most `step` replicas added or removed
 *    per decision.
 * No measurement (no request finished, no CPU sample yet) → no change.
 */

import type { ScalerPolicy } from '../../model/index.ts';

export { type ScaleMetric, type ScalerPolicy, scaleMetrics } from '../../model/index.ts';

/** What the scaler remembers between decisions: its recent recommendations. */
export interface ScalerMemory {
  recommendations: readonly { at: number; replicas: number }[];
}

export const freshScalerMemory: ScalerMemory = { recommendations: [] };

export interface ScaleInput {
  /** ms since epoch: the end of the interval measured. */
  now: number;
  /** Replicas serving now. */
  current: number;
  /** The metric over the last interval; undefined when nothing was measured. */
  metric: number | undefined;
}

export interface ScaleDecision {
  at: number;
  current: number;
  metric: number | undefined;
  /** Step 1: ceil(current × metric / target) within [min, max] (current inside the tolerance). */
  recommended: number;
  /** After stabilisation and the step limit: the count to scale to. */
  desired: number;
  /** Why, in a few words: `p95 412 ms > 100 ms target`, `within tolerance`, `held by the cooldown`. */
  reason: string;
}

const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

export function decideScale(
  policy: ScalerPolicy,
  memory: ScalerMemory,
  input: ScaleInput,
): { decision: ScaleDecision; memory: ScalerMemory } {
  const { now, current, metric } = input;
  const bounded = clamp(current, policy.min, policy.max);
  const done = (recommended: number, desired: number, reason: string, keep = memory) => ({
    decision: { at: now, current, metric, recommended, desired, reason },
    memory: keep,
  });
  if (metric === undefined || !Number.isFinite(metric))
    return done(bounded, bounded, bounded === current ? 'no measurement' : 'back within min/max');

  const ratio = metric / policy.target;
  const within = Math.abs(ratio - 1) <= policy.tolerance;
  const recommended = within ? bounded : clamp(Math.ceil(current * ratio), policy.min, policy.max);
  const recommendations = [
    ...memory.recommendations.filter((r) => r.at > now - policy.cooldownMs),
    { at: now, replicas: recommended },
  ];
  const next = { recommendations };
  const what = `${policy.metric} ${describeMetric(policy, metric)} ${ratio > 1 ? '>' : '<'} ${describeMetric(policy, policy.target)} target`;

  let desired = recommended;
  let reason = within ? 'within tolerance' : what;
  if (recommended < current) {
    const highest = Math.max(...recommendations.map((r) => r.replicas));
    if (highest > recommended) {
      desired = Math.min(current, highest);
      reason = `${what}; held by the ${policy.cooldownMs} ms cooldown at ${desired}`;
    }
  }
  const limited = clamp(desired, current - policy.step, current + policy.step);
  if (limited !== desired) reason += `; step ${policy.step}`;
  return done(recommended, clamp(limited, policy.min, policy.max), reason, next);
}

/** `0.82 cores` / `412 ms`. */
export function describeMetric(policy: Pick<ScalerPolicy, 'metric'>, value: number): string {
  return policy.metric === 'cpu' ? `${value.toFixed(2)} cores` : `${Math.round(value)} ms`;
}
