/**
 * Parameter sweeps in the plan: a scenario's `sweep: { 'replicated.apps': [1, 2, 4] }`
 * turns the target `replicated` into one target per value — `replicated[apps=1]`,
 * `replicated[apps=2]`, `replicated[apps=4]` — each with that parameter set
 * over its own params. Pure: the scenario is checked first (validate.ts), so
 * here every key names a built-in architecture target and one of its parameters.
 */
import type { CellSweep, ScenarioConfig, TargetSpec } from '../../model/index.ts';
import { SWEEP_KEY } from '../../model/index.ts';

export type SweepValue = CellSweep['value'];

/** `replicated.apps` → `{ target: 'replicated', param: 'apps' }`; undefined when malformed. */
export function parseSweepKey(key: string): { target: string; param: string } | undefined {
  const m = SWEEP_KEY.exec(key);
  return m ? { target: m[1]!, param: m[2]! } : undefined;
}

/** The name a swept target's cells carry: `replicated[apps=2]`. */
export function sweptName(target: string, param: string, value: SweepValue): string {
  return `${target}[${param}=${String(value)}]`;
}

/** The swept parameter of each target that has one, by target name. */
export function sweepsByTarget(scenario: Pick<ScenarioConfig, 'sweep'>): Map<string, SweptParam> {
  const out = new Map<string, SweptParam>();
  for (const [key, values] of Object.entries(scenario.sweep ?? {})) {
    const parsed = parseSweepKey(key);
    if (parsed) out.set(parsed.target, { param: parsed.param, values });
  }
  return out;
}

export interface SweptParam {
  param: string;
  values: readonly SweepValue[];
}

/** A target spec with one parameter set: `{ arch, name: 'replicated[apps=2]', params: { …, apps: 2 } }`. */
export function sweptSpec(
  spec: Extract<TargetSpec, { arch: string }>,
  name: string,
  sweep: CellSweep,
): Extract<TargetSpec, { arch: string }> {
  return {
    ...spec,
    name: sweptName(name, sweep.param, sweep.value),
    params: { ...spec.params, [sweep.param]: sweep.value },
  };
}
