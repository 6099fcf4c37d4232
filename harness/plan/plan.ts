/**
 * The run plan: a pure function of the validated scenario and the CLI
 * options. Cells (target × profile × trial) run one after another, never side
 * by side — on a shared machine two targets under load would measure each other.
 */

import type {
  CellExecutor,
  CellSweep,
  FaultScheduleConfig,
  ScenarioConfig,
  TargetSpec,
} from '../../model/index.ts';
import { scaleDuration, scaleFault } from '../../model/index.ts';
import { type PresetConfig, resolveProfile } from '../profiles/index.ts';
import { sweepsByTarget, sweptSpec } from './sweep.ts';
import { warmupExecutor } from './warm-up.ts';

export interface PlannedTarget {
  /** Name in results and reports. */
  name: string;
  /** `arch` (a built-in architecture), `url` or `command`. */
  kind: 'arch' | 'url' | 'command';
  spec: Exclude<TargetSpec, string>;
  /** One value of a swept parameter (`sweep` in the scenario): `replicated[apps=2]`. */
  sweep?: CellSweep;
}

export interface PlannedSchedule {
  name: string;
  /** The schedule's faults, their timeline scaled by `--duration-scale` (as the executor's). */
  faults: NonNullable<FaultScheduleConfig['faults']>;
}

export interface PlannedCell {
  id: string;
  target: PlannedTarget;
  profile: string;
  /** The fault schedule, when the scenario has schedules. */
  schedule?: PlannedSchedule;
  trial: number;
  /** One executor, or the named executors of a `scenarios` profile, which run at once. */
  executor: CellExecutor;
  /** The preset the executor was expanded from, durations already scaled. */
  preset?: PresetConfig;
  /** Load after seeding and before the measured profile, kept out of its figures (durations scaled). */
  warmup?: CellExecutor;
}

export interface RunPlan {
  cells: PlannedCell[];
  targets: PlannedTarget[];
  /** The warm-up's duration, scaled (`0s`: none). */
  warmup: string;
  durationScale: number;
}

export interface PlanOptions {
  /** Only these target names (`--targets`); a swept target's name selects all its values. */
  targets?: string[];
  /** Only these profile names (`--profiles`). */
  profiles?: string[];
  durationScale?: number;
  /** Overrides the scenario's `trials`. */
  trials?: number;
  /** Only these fault schedules (`--schedules`). */
  schedules?: string[];
}

export function planTarget(spec: TargetSpec): PlannedTarget {
  if (typeof spec === 'string') return { name: spec, kind: 'arch', spec: { arch: spec } };
  if ('arch' in spec) return { name: spec.name ?? spec.arch, kind: 'arch', spec };
  if ('url' in spec) return { name: spec.name, kind: 'url', spec };
  return { name: spec.name, kind: 'command', spec };
}

/**
 * The scenario's targets as cells run them: a swept target becomes one
 * target per value of its parameter (`replicated[apps=1]`, `replicated[apps=2]`…).
 */
export function planTargets(scenario: Pick<ScenarioConfig, 'targets' | 'sweep'>): PlannedTarget[] {
  const sweeps = sweepsByTarget(scenario);
  return scenario.targets.flatMap((spec): PlannedTarget[] => {
    const target = planTarget(spec);
    const swept = sweeps.get(target.name);
    if (swept === undefined || !('arch' in target.spec)) return [target];
    const arch = target.spec;
    return swept.values.map((value) => {
      const sweep: CellSweep = { target: target.name, param: swept.param, value };
      const spec = sweptSpec(arch, target.name, sweep);
      return { name: spec.name!, kind: 'arch', spec, sweep };
    });
  });
}

/** Names in `wanted` that are not in `known`: for a clear `--targets`/`--profiles` error. */
export function unknownNames(wanted: readonly string[] | undefined, known: readonly string[]): string[] {
  return (wanted ?? []).filter((w) => !known.includes(w));
}

export function buildRunPlan(scenario: ScenarioConfig, options: PlanOptions = {}): RunPlan {
  const scale = options.durationScale ?? 1;
  const trials = options.trials ?? scenario.trials;
  const targets = planTargets(scenario).filter(
    (t) =>
      options.targets === undefined ||
      options.targets.includes(t.name) ||
      (t.sweep !== undefined && options.targets.includes(t.sweep.target)),
  );
  const profiles = Object.entries(scenario.profiles).filter(
    ([name]) => options.profiles === undefined || options.profiles.includes(name),
  );
  const cells: PlannedCell[] = [];
  // Profile-major order: all targets under one profile, then the next profile,
  // so a partial run still holds a complete comparison for the first profiles.
  for (const [profile, spec] of profiles) {
    const { executor, preset } = resolveProfile(spec, scale);
    const warmup = warmupExecutor(executor, scenario.warmup, scale);
    for (let trial = 1; trial <= trials; trial++) {
      for (const target of targets) {
        // A swept target runs the schedules of the target it was swept from.
        const named = target.sweep?.target ?? target.name;
        for (const schedule of schedulesOf(scenario, named, options.schedules, scale)) {
          cells.push({
            id: `${target.name}${schedule ? `@${schedule.name}` : ''}/${profile}/${trial}`,
            target,
            profile,
            trial,
            executor,
            ...(preset ? { preset } : {}),
            ...(schedule ? { schedule } : {}),
            ...(warmup ? { warmup } : {}),
          });
        }
      }
    }
  }
  const warmup = typeof scenario.warmup === 'string' ? scenario.warmup : scenario.warmup.duration;
  return { cells, targets, warmup: scaleDuration(warmup, scale), durationScale: scale };
}

/** The schedules a target runs: `[undefined]` (no faults) when the scenario has none. */
function schedulesOf(
  scenario: ScenarioConfig,
  target: string,
  only: string[] | undefined,
  scale: number,
): (PlannedSchedule | undefined)[] {
  if (!scenario.schedules) return [undefined];
  return Object.entries(scenario.schedules)
    .filter(
      ([name, s]) => (only === undefined || only.includes(name)) && (s.targets?.includes(target) ?? true),
    )
    .map(([name, s]) => ({ name, faults: (s.faults ?? []).map((f) => scaleFault(f, scale)) }));
}
