/**
 * What the schema cannot check about `sweep` and capacity profiles: a swept
 * key names a target of the scenario that is a built-in architecture, and one
 * of its parameters; every value is valid for that parameter; one swept
 * parameter per target; and a capacity search has an SLO to search for.
 * Run on the raw input, like the other semantic checks (validate.ts).
 */
import type { InputProblem } from '../../model/index.ts';
import { SWEEP_KEY, TargetSpec } from '../../model/index.ts';
import { didYouMean, formatPath } from './format-problems.ts';

type KnownArchitectures = (
  name: string,
  params?: Record<string, unknown>,
) => readonly (string | InputProblem)[];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function sweepProblems(input: Record<string, unknown>, known?: KnownArchitectures): InputProblem[] {
  if (!isObject(input.sweep)) return [];
  const targets = new Map<string, Extract<TargetSpec, object>>();
  for (const raw of Array.isArray(input.targets) ? input.targets : []) {
    const t = TargetSpec.safeParse(raw);
    if (!t.success) continue;
    const spec = typeof t.data === 'string' ? { arch: t.data } : t.data;
    const name = 'arch' in spec ? (spec.name ?? spec.arch) : spec.name;
    if (!targets.has(name)) targets.set(name, spec);
  }
  const problems: InputProblem[] = [];
  const swept = new Map<string, string>();
  for (const [key, values] of Object.entries(input.sweep)) {
    const m = SWEEP_KEY.exec(key);
    if (!m) continue; // the schema says what a key looks like
    const [, name, param] = m as unknown as [string, string, string];
    const path = formatPath(['sweep', key]);
    const spec = targets.get(name);
    if (spec === undefined) {
      const guess = didYouMean(name, [...targets.keys()]);
      problems.push({
        path,
        message: `no target named "${name}"${guess ? ` — did you mean "${guess}"?` : ''} Targets: ${[...targets.keys()].join(', ')}`,
      });
      continue;
    }
    if (!('arch' in spec)) {
      problems.push({
        path,
        message: `"${name}" is your own service (${'url' in spec ? 'url' : 'command'}): only a built-in architecture's parameters can be swept`,
      });
      continue;
    }
    const first = swept.get(name);
    if (first !== undefined) {
      problems.push({
        path,
        message: `"${name}" is already swept (${formatPath(['sweep', first])}): one swept parameter per target`,
      });
      continue;
    }
    swept.set(name, key);
    if (!known || !Array.isArray(values)) continue;
    values.forEach((value, i) => {
      const found = known(spec.arch, { ...spec.params, [param]: value });
      for (const p of found) {
        if (typeof p === 'string' || p.path !== `params.${param}`) continue;
        // An unknown parameter is said once, for the key; a bad value at its place in the list.
        if (/^unknown parameter/.test(p.message)) {
          if (i === 0) {
            const valid = /valid: .*$/.exec(p.message)?.[0];
            problems.push({
              path,
              message: `"${param}" is not a parameter of ${spec.arch}${valid ? `; ${valid}` : ''}`,
            });
          }
          continue;
        }
        problems.push({ path: formatPath(['sweep', key, i]), message: `${param} ${p.message}` });
      }
    });
  }
  return problems;
}

/** A capacity profile searches for the highest rate that meets the SLO: without thresholds there is none. */
export function capacityProblems(input: Record<string, unknown>): InputProblem[] {
  if (!isObject(input.profiles)) return [];
  const hasSlo = isObject(input.thresholds) && Object.keys(input.thresholds).length > 0;
  if (hasSlo) return [];
  return Object.entries(input.profiles)
    .filter(([, p]) => isObject(p) && p.preset === 'capacity')
    .map(([name]) => ({
      path: formatPath(['profiles', name]),
      message:
        "a capacity search looks for the highest rate that meets the SLO, and the scenario's thresholds are the SLO: add some, e.g. thresholds: { http_req_duration: ['p(99)<50'], http_req_failed: ['rate<0.01'] }",
    }));
}
