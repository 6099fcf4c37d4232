/**
 * `harness capacity <scenario>`: the scenario's targets, workload and
 * thresholds with a capacity search as their profile. A scenario that already
 * has capacity profiles keeps them (and only them); any other gets one,
 * `capacity`, with the preset's defaults. Flags override the search's
 * settings in either case. A fault schedule whose faults are all conditions
 * (at 0 s, never reverted before the load ends — the database 5 ms away) is
 * kept: the search looks for the capacity under that condition, which holds
 * for every step, warm-up included. A schedule with a fault on a timeline
 * (a kill at 10 s, a 5 s partition) is left out: it would fail whichever step
 * it fell into, and the knee would be where the fault was. Applied to the
 * scenario as written, before it is validated, so every problem (no
 * thresholds to search for, a bad flag value) is reported with the others.
 */
import type { InputProblem, PresetInput } from '../../model/index.ts';
import { InvalidInputError, parseDuration } from '../../model/index.ts';

/** What `harness capacity` flags may set on the search. */
export type CapacityOverrides = Partial<
  Pick<
    Extract<PresetInput, { preset: 'capacity' }>,
    'startRate' | 'maxRate' | 'growth' | 'stepDuration' | 'settle' | 'tolerance' | 'repeats' | 'maxSteps'
  >
>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function withCapacityProfile(input: unknown, overrides: CapacityOverrides = {}): unknown {
  if (!isObject(input)) return input;
  const profiles = isObject(input.profiles) ? input.profiles : {};
  const searches = Object.entries(profiles).filter(([, p]) => isObject(p) && p.preset === 'capacity');
  const next =
    searches.length > 0
      ? Object.fromEntries(searches.map(([name, p]) => [name, { ...(p as object), ...overrides }]))
      : { capacity: { preset: 'capacity', ...overrides } };
  const { schedules, ...rest } = input;
  const dropped = new Set(timedSchedules(input));
  const kept = isObject(schedules) ? Object.entries(schedules).filter(([name]) => !dropped.has(name)) : [];
  return { ...rest, profiles: next, ...(kept.length > 0 ? { schedules: Object.fromEntries(kept) } : {}) };
}

/**
 * The names of the scenario's schedules that `harness capacity` leaves out:
 * those with a fault on the load's timeline (`at` after 0 s, a `duration`,
 * a kill, stop or restart). A value that does not parse keeps its schedule,
 * so that validation reports it.
 */
export function timedSchedules(input: unknown): string[] {
  if (!isObject(input) || !isObject(input.schedules)) return [];
  return Object.entries(input.schedules)
    .filter(([, s]) => isObject(s) && Array.isArray(s.faults) && s.faults.some(isTimed))
    .map(([name]) => name);
}

function isTimed(fault: unknown): boolean {
  if (!isObject(fault)) return false;
  if (fault.kind === 'kill' || fault.kind === 'stop' || fault.kind === 'restart') return true;
  if (fault.duration !== undefined) return true;
  try {
    return fault.at !== undefined && parseDuration(fault.at as string) > 0;
  } catch {
    return false;
  }
}

/**
 * The problems of a scenario rewritten by `withCapacityProfile`, told as the
 * user gave them: a setting that came from a flag is that flag
 * (`--step-duration`), not a path in a profile the file does not have.
 */
export function asFlagProblems(err: InvalidInputError, overrides: CapacityOverrides): InvalidInputError {
  const flag = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const problems: InputProblem[] = err.problems.map((p) => {
    // No thresholds: the scenario's, not the profile harness made for it.
    if (/^profiles\.[^.]+$/.test(p.path) && /thresholds/.test(p.message)) return { ...p, path: 'thresholds' };
    const key = /^profiles\.[^.]+\.(\w+)$/.exec(p.path)?.[1];
    if (key === undefined) return p;
    // The setting a flag gave, or the flag whose value clashes with it (maxRate below --start-rate).
    const given = key in overrides ? key : Object.keys(overrides).find((k) => p.message.includes(k));
    return given === undefined ? p : { path: flag(given), message: p.message };
  });
  return new InvalidInputError(
    err.file,
    problems,
    "the scenario's thresholds are the SLO of the search; flags set the search (harness capacity --help)",
  );
}
