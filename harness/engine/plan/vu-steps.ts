import type { VuPlan, VuStep } from './types.ts';

/** Target VU count of `plan` at `atMs` (ms after the executor's start). */
export function vusAt(plan: Pick<VuPlan, 'steps'>, atMs: number): number {
  let vus = 0;
  for (const step of plan.steps) {
    if (step.atMs > atMs) break;
    vus = step.vus;
  }
  return vus;
}

/** Appends a step unless it would repeat the current VU count (k6's addStep). */
export function pushStep(steps: VuStep[], atMs: number, vus: number): void {
  const last = steps[steps.length - 1];
  if (last !== undefined && last.vus === vus) return;
  // A later step at the same offset replaces the earlier one: the timeline stays a function of time.
  if (last !== undefined && last.atMs === atMs) {
    steps.pop();
    const before = steps[steps.length - 1];
    if (before !== undefined && before.vus === vus) return;
  }
  steps.push({ atMs, vus });
}

/** Ends a timeline with zero VUs at `endMs` (k6's zeroEnd). */
export function zeroEnd(steps: VuStep[], endMs: number): VuStep[] {
  const last = steps[steps.length - 1];
  if (last === undefined || last.vus !== 0) steps.push({ atMs: endMs, vus: 0 });
  return steps;
}
