/**
 * `harness capacity <scenario>`: the scenario's targets, workload and
 * thresholds with a capacity search as their profile. A scenario that already
 * has capacity profiles keeps them (and only them); any other gets one,
 * `capacity`, with the preset's defaults. Flags override the search's
 * settings in either case. Fault schedules are left out: a search looks for
 * the capacity of the target as it is. Applied to the scenario as written,
 * before it is validated, so every problem (no thresholds to search for, a
 * bad flag value) is reported with the others.
 */
import type { InputProblem, PresetInput } from '../../model/index.ts';
import { InvalidInputError } from '../../model/index.ts';

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
  const { schedules: _, ...rest } = input;
  return { ...rest, profiles: next };
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
