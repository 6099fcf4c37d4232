/**
 * Validates a scenario as written: the zod schema plus the checks a schema
 * cannot express (thresholds against the metric registry, unique names,
 * known architectures, ranges between two keys). Both kinds land in ONE list,
 * so a user fixes everything in one go. Semantic checks run on the raw input
 * and look only at the parts that parse on their own, so a typo elsewhere in
 * the file does not hide them.
 */
import type { InputProblem } from '../../model/index.ts';
import { Executor, KeyDistribution, Scenario, type ScenarioConfig, TargetSpec } from '../../model/index.ts';
import { checkThresholds } from '../thresholds/index.ts';
import { didYouMean, formatPath, formatZodIssues } from './format-problems.ts';
import { capacityProblems, sweepProblems } from './sweep-problems.ts';

export interface ValidateOptions {
  /**
   * Problems with a built-in architecture name and its params (empty when it
   * is known and fine): messages, or problems whose path is relative to the
   * target (`arch`, `params.replicas`).
   */
  knownArchitectures?: (name: string, params?: Record<string, unknown>) => readonly (string | InputProblem)[];
}

export type ValidationResult = { ok: true; config: ScenarioConfig } | { ok: false; problems: InputProblem[] };

export function validateScenario(input: unknown, opts: ValidateOptions = {}): ValidationResult {
  const parsed = Scenario.safeParse(input);
  const problems = [
    ...(parsed.success ? [] : formatZodIssues(parsed.error.issues, input, Scenario)),
    ...semanticProblems(input, opts),
  ];
  if (problems.length > 0 || !parsed.success)
    return { ok: false, problems: inFileOrder(dedupe(problems), input) };
  return { ok: true, config: parsed.data };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The checks zod cannot do, over whatever parts of `input` are well-formed. */
export function semanticProblems(input: unknown, opts: ValidateOptions = {}): InputProblem[] {
  if (!isObject(input)) return [];
  const problems: InputProblem[] = [];
  const workload = isObject(input.workload) ? input.workload : {};

  // Request names: unique, and the vocabulary of `{name:…}` threshold filters.
  const mix = list(workload.mix);
  const requestNames: string[] = [];
  mix.forEach((entry, i) => {
    if (!isObject(entry)) return;
    if (typeof entry.name === 'string') {
      const first = requestNames.indexOf(entry.name);
      if (first >= 0) {
        problems.push({
          path: formatPath(['workload', 'mix', i, 'name']),
          message: `duplicate request name "${entry.name}" (also workload.mix[${mixIndex(mix, entry.name)}]); names must be unique`,
        });
      }
      if (first < 0) requestNames.push(entry.name);
    }
    const key = KeyDistribution.safeParse(entry.key);
    if (entry.key !== undefined && key.success && key.data.min !== undefined && key.data.max !== undefined) {
      if (key.data.min > key.data.max) {
        problems.push({
          path: formatPath(['workload', 'mix', i, 'key']),
          message: `min (${key.data.min}) must not be greater than max (${key.data.max})`,
        });
      }
    }
  });

  // Per-profile (and per-scenario) weights name requests of the mix, and leave at least one.
  const loads = executorEntries(input.profiles);
  for (const { path, raw } of loads) {
    if (!isObject(raw.weights) || requestNames.length === 0) continue;
    const weights = raw.weights;
    for (const name of Object.keys(weights)) {
      if (!requestNames.includes(name))
        problems.push({
          path: formatPath([...path, 'weights', name]),
          message: `no request named "${name}" in workload.mix (names: ${requestNames.join(', ')})`,
        });
    }
    const effective = requestNames.map((n) => (n in weights ? weights[n] : 1));
    if (effective.every((w) => w === 0))
      problems.push({
        path: formatPath([...path, 'weights']),
        message: 'every request has weight 0: leave at least one request in the mix',
      });
  }

  // Targets: unique names, built-in architectures known.
  const seen = new Map<string, number>();
  list(input.targets).forEach((raw, i) => {
    const t = TargetSpec.safeParse(raw);
    if (!t.success) return;
    const spec = t.data;
    const name = typeof spec === 'string' ? spec : 'arch' in spec ? (spec.name ?? spec.arch) : spec.name;
    const first = seen.get(name);
    if (first !== undefined) {
      const hint =
        typeof spec === 'string' || 'arch' in spec ? ' (set "name" to run one architecture twice)' : '';
      problems.push({
        path: formatPath(['targets', i]),
        message: `duplicate target name "${name}" (also targets[${first}])${hint}`,
      });
    } else {
      seen.set(name, i);
    }
    if (opts.knownArchitectures && (typeof spec === 'string' || 'arch' in spec)) {
      const arch = typeof spec === 'string' ? spec : spec.arch;
      const params = typeof spec === 'string' ? undefined : spec.params;
      for (const p of opts.knownArchitectures(arch, params)) {
        // A bare name has no `arch` or `params` inside it: point at the entry itself.
        const inner = typeof p === 'string' || typeof spec === 'string' || p.path === '' ? '' : `.${p.path}`;
        problems.push({
          path: `${formatPath(['targets', i])}${inner}`,
          message: typeof p === 'string' ? p : p.message,
        });
      }
    }
  });

  // The reference of the verdicts names one of the targets.
  if (typeof input.reference === 'string' && seen.size > 0 && !seen.has(input.reference)) {
    const names = [...seen.keys()];
    const guess = didYouMean(input.reference, names);
    problems.push({
      path: 'reference',
      message: `no target named "${input.reference}"${guess ? ` — did you mean "${guess}"?` : ''} Targets: ${names.join(', ')}`,
    });
  }

  // Swept parameters exist and take their values; a capacity search has an SLO.
  problems.push(...sweepProblems(input, opts.knownArchitectures), ...capacityProblems(input));

  // Profiles and their scenarios: VU pools that can actually hold their pre-allocation.
  for (const { path, raw } of loads) {
    const p = Executor.safeParse(raw);
    if (!p.success) continue;
    const e = p.data;
    if (
      'maxVUs' in e &&
      e.maxVUs !== undefined &&
      e.preAllocatedVUs !== undefined &&
      e.maxVUs < e.preAllocatedVUs
    ) {
      problems.push({
        path: formatPath([...path, 'maxVUs']),
        message: `maxVUs (${e.maxVUs}) must be at least preAllocatedVUs (${e.preAllocatedVUs})`,
      });
    }
  }

  // Thresholds: known metrics, honourable tag filters, expressions that parse.
  const scenarioNames = [...new Set(loads.flatMap((l) => (l.scenario === undefined ? [] : [l.scenario])))];
  problems.push(
    ...checkThresholds(input.thresholds, {
      ...(Array.isArray(workload.mix) && requestNames.length > 0 ? { requestNames } : {}),
      scenarioNames,
    }),
  );
  return problems;
}

/**
 * Every executor-like object of the profiles as written, with its path: a
 * profile itself, or each scenario of a `scenarios` profile.
 */
function executorEntries(
  profiles: unknown,
): { path: (string | number)[]; raw: Record<string, unknown>; scenario?: string }[] {
  if (!isObject(profiles)) return [];
  const out: { path: (string | number)[]; raw: Record<string, unknown>; scenario?: string }[] = [];
  for (const [profile, raw] of Object.entries(profiles)) {
    if (!isObject(raw)) continue;
    if (!isObject(raw.scenarios)) {
      out.push({ path: ['profiles', profile], raw });
      continue;
    }
    for (const [scenario, inner] of Object.entries(raw.scenarios))
      if (isObject(inner))
        out.push({ path: ['profiles', profile, 'scenarios', scenario], raw: inner, scenario });
  }
  return out;
}

function mixIndex(mix: unknown[], name: string): number {
  return mix.findIndex((e) => isObject(e) && e.name === name);
}

/** Orders problems as the file lists them (by key order and list index), stable otherwise. */
function inFileOrder(problems: InputProblem[], input: unknown): InputProblem[] {
  const position = (path: string): number[] => {
    const ranks: number[] = [];
    let node: unknown = input;
    for (const key of parsePath(path)) {
      const rank = Array.isArray(node)
        ? Number(key)
        : isObject(node)
          ? Object.keys(node).indexOf(String(key))
          : Number.MAX_SAFE_INTEGER;
      ranks.push(rank < 0 ? Number.MAX_SAFE_INTEGER : rank);
      node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
    }
    return ranks;
  };
  const compare = (a: number[], b: number[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  };
  return problems
    .map((p, i) => ({ p, i, pos: position(p.path) }))
    .sort((a, b) => compare(a.pos, b.pos) || a.i - b.i)
    .map((x) => x.p);
}

/** The segments of a path written by `formatPath`. */
function parsePath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const re = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  for (let m = re.exec(path); m && path !== ''; m = re.exec(path)) {
    segments.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string)));
    if (re.lastIndex >= path.length) break;
  }
  return segments;
}

function dedupe(problems: InputProblem[]): InputProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
