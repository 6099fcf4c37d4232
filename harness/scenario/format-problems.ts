/**
 * Turns zod issues into short, concrete problems: a path such as
 * `workload.mix[1].weight` and a message that says what was expected and what
 * was found (`expected a number, got string "fast"`). zod's issues do not
 * know the allowed keys of an object or which union branch the user meant, so
 * this walks the schema beside the input to say "did you mean …".
 */
import type { z } from 'zod';
import type { InputProblem } from '../../model/index.ts';
import { Duration } from '../../model/index.ts';

type Key = PropertyKey;
type Issue = z.core.$ZodIssue;

/** `profiles.steady.rate`, `workload.mix[1].weight`, `thresholds["http_reqs{status:500}"][0]`. */
export function formatPath(path: readonly Key[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(k))) out += out === '' ? String(k) : `.${String(k)}`;
    else out += `[${JSON.stringify(String(k))}]`;
  }
  return out;
}

/** Levenshtein edit distance (insert, delete, substitute). */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidate, if it is close enough to be a plausible typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** What was found, for messages: `string "fast"`, `number 5`, `an object`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${v}`;
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : `a list of ${v.length}`;
  if (typeof v === 'function') return 'a function';
  return 'an object';
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
};
const typeWord = (t: string): string => TYPE_WORDS[t] ?? `a ${t}`;

// ------------------------------------------------------------ schema walking

interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  valueType?: Schema;
  options?: Schema[];
  discriminator?: string;
  getter?: () => Schema;
}
type Schema = { _zod: { def: Def; propValues?: Record<string, Set<unknown>> } };

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

function unwrap(s: Schema | undefined): Schema | undefined {
  let cur = s;
  for (let i = 0; cur && i < 20; i++) {
    const def: Def = cur._zod.def;
    if (WRAPPERS.has(def.type)) cur = def.innerType;
    else if (def.type === 'pipe') cur = def.in;
    else if (def.type === 'lazy' && def.getter) cur = def.getter();
    else return cur;
  }
  return cur;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The union option the input most likely meant: the discriminator's match, or the most keys in common. */
function pickOption(union: Schema, input: unknown): Schema | undefined {
  const def = union._zod.def;
  const options = (def.options ?? []).map(unwrap).filter((o): o is Schema => o !== undefined);
  if (def.discriminator && isObject(input)) {
    const tag = input[def.discriminator];
    return options.find((o) => o._zod.propValues?.[def.discriminator!]?.has(tag));
  }
  // A discriminated union counts as meant when the input has its discriminator key.
  const objects = options.filter((o) => o._zod.def.type === 'object' || o._zod.def.discriminator);
  if (!isObject(input)) return options.find((o) => o._zod.def.type !== 'object' && !o._zod.def.discriminator);
  return objects.sort((a, b) => overlap(b, input) - overlap(a, input))[0];
}

function overlap(option: Schema, input: unknown): number {
  if (!isObject(input)) return 0;
  const def = option._zod.def;
  if (def.discriminator) return def.discriminator in input ? 1000 : 0;
  return def.shape ? Object.keys(input).filter((k) => k in def.shape!).length : 0;
}

/**
 * The schema at `path` inside `schema`, following the input through unions.
 * With `keepUnion`, a union found at the end of the path is returned as is.
 */
export function schemaAt(
  schema: Schema | undefined,
  path: readonly Key[],
  input: unknown,
  keepUnion = false,
): Schema | undefined {
  let s = unwrap(schema);
  let value = input;
  for (const key of path) {
    while (s && s._zod.def.type === 'union') s = unwrap(pickOption(s, value));
    if (!s) return undefined;
    const def = s._zod.def;
    if (def.type === 'object') s = def.shape?.[String(key)];
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'record') s = def.valueType;
    else return undefined;
    s = unwrap(s);
    value =
      isObject(value) || Array.isArray(value) ? (value as Record<Key, unknown>)[key as string] : undefined;
  }
  while (!keepUnion && s && s._zod.def.type === 'union' && isObject(value)) s = unwrap(pickOption(s, value));
  return s;
}

function valueAt(input: unknown, path: readonly Key[]): unknown {
  let v = input;
  for (const k of path)
    v = isObject(v) || Array.isArray(v) ? (v as Record<Key, unknown>)[k as string] : undefined;
  return v;
}

function requiredKeys(option: Schema): string[] {
  const shape = option._zod.def.shape ?? {};
  return Object.keys(shape).filter(
    (k) => !['optional', 'default', 'prefault'].includes(shape[k]!._zod.def.type),
  );
}

// ------------------------------------------------------------ issue → problem

interface Draft extends InputProblem {
  /** A required key reported missing (dropped when an unknown key is its likely misspelling). */
  missing?: boolean;
}
interface Ctx {
  schema: Schema | undefined;
  input: unknown;
  prefix: readonly Key[];
  /** Paths of keys an unknown key was suggested for: those are not also reported missing. */
  suggested: Set<string>;
}

/** Every zod issue as a problem, with paths and messages users can act on. */
export function formatZodIssues(issues: readonly Issue[], input: unknown, schema: z.ZodType): InputProblem[] {
  const ctx: Ctx = { schema: schema as unknown as Schema, input, prefix: [], suggested: new Set() };
  const drafts = issues.flatMap((i) => convert(i, ctx));
  return drafts
    .filter((d) => !(d.missing && ctx.suggested.has(d.path)))
    .map(({ path, message }) => ({ path, message }));
}

function convert(issue: Issue, ctx: Ctx): Draft[] {
  const rel = issue.path as Key[];
  const path = formatPath([...ctx.prefix, ...rel]);
  const value = valueAt(ctx.input, rel);
  const one = (message: string, extra: Partial<Draft> = {}): Draft[] => [{ path, message, ...extra }];

  switch (issue.code) {
    case 'invalid_type': {
      const isDuration = schemaAt(ctx.schema, rel, ctx.input) === (Duration as unknown as Schema);
      const expected = isDuration
        ? 'a duration such as "500ms", "30s", "1m30s" or "2h"'
        : typeWord(issue.expected);
      if (value === undefined) return one(`required: expected ${expected}`, { missing: true });
      const quoted =
        typeof value === 'string' &&
        (issue.expected === 'number' || issue.expected === 'int') &&
        value.trim() !== '' &&
        !Number.isNaN(Number(value))
          ? ' (remove the quotes)'
          : '';
      return one(`expected ${expected}, got ${describeValue(value)}${quoted}`);
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? issue.minimum : issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') {
        const n = Array.isArray(value) ? value.length : 0;
        if (small && bound === 1) return one('expected at least one item, got an empty list');
        return one(`expected ${small ? 'at least' : 'at most'} ${bound} items, got ${n}`);
      }
      if (issue.origin === 'string') {
        if (small && bound === 1) return one('expected a non-empty string');
        return one(
          `expected ${small ? 'at least' : 'at most'} ${bound} characters, got ${String(value).length}`,
        );
      }
      const op = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
      return one(`expected a number ${op} ${bound}, got ${describeValue(value)}`);
    }
    case 'invalid_format': {
      const expected = /^invalid/i.test(issue.message) ? `expected a valid ${issue.format}` : issue.message;
      return one(`${expected}, got ${describeValue(value)}`);
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v));
      const guess = typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : undefined;
      const expected = allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`;
      return one(
        `expected ${expected}, got ${describeValue(value)}${guess ? ` — did you mean "${guess}"?` : ''}`,
      );
    }
    case 'unrecognized_keys': {
      const target = schemaAt(ctx.schema, rel, ctx.input);
      const allowed = Object.keys(target?._zod.def.shape ?? {});
      return issue.keys.map((key) => {
        const guess = didYouMean(key, allowed);
        if (guess) ctx.suggested.add(formatPath([...ctx.prefix, ...rel, guess]));
        const tail = guess
          ? ` — did you mean "${guess}"?`
          : allowed.length > 0
            ? ` (allowed: ${allowed.join(', ')})`
            : '';
        return { path: formatPath([...ctx.prefix, ...rel, key]), message: `unknown key "${key}"${tail}` };
      });
    }
    case 'invalid_key': {
      const inner = issue.issues[0]?.message ?? issue.message;
      return one(`invalid key ${JSON.stringify(String(rel.at(-1)))}: ${inner}`);
    }
    case 'invalid_union':
      return unionProblems(issue, rel, path, value, ctx);
    default:
      return one(issue.message);
  }
}

function unionProblems(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  rel: Key[],
  path: string,
  value: unknown,
  ctx: Ctx,
): Draft[] {
  // A discriminated union whose tag matched no option (e.g. an unknown executor).
  const tagged = issue as { discriminator?: string; options?: unknown[] };
  if (issue.errors.length === 0 && tagged.options) {
    const names = tagged.options.map(String);
    const what = tagged.discriminator ?? String(rel.at(-1) ?? 'value');
    if (value === undefined)
      return [{ path, message: `required: expected one of ${names.join(', ')}`, missing: true }];
    const guess = typeof value === 'string' ? didYouMean(value, names) : undefined;
    const unknown = `unknown ${what} ${typeof value === 'string' ? JSON.stringify(value) : describeValue(value)}`;
    return [
      { path, message: `${unknown}${guess ? ` — did you mean "${guess}"?` : ''} Valid: ${names.join(', ')}` },
    ];
  }

  const union = schemaAt(ctx.schema, rel, ctx.input, true);
  const options = (union?._zod.def.options ?? []).map(unwrap);
  const rootTypeMiss = (b: Issue[]) =>
    b.length === 1 && b[0]!.code === 'invalid_type' && b[0]!.path.length === 0;
  const branches = issue.errors.map((b, i) => ({ issues: b, option: options[i] }));
  const typed = branches.filter((b) => !rootTypeMiss(b.issues));
  const describe = (o: Schema | undefined, b: Issue[]) =>
    o?._zod.def.type === 'object'
      ? `{${requiredKeys(o).join(', ')}}`
      : typeWord(b[0]?.code === 'invalid_type' ? b[0].expected : (o?._zod.def.type ?? 'value'));
  const all = [...new Set(branches.map((b) => describe(b.option, b.issues)))];
  const found = isObject(value) ? `{${Object.keys(value).join(', ')}}` : describeValue(value);

  if (typed.length === 0) return [{ path, message: `expected ${all.join(' or ')}, got ${found}` }];
  const scored = typed.map((b) => ({ ...b, overlap: b.option ? overlap(b.option, value) : 0 }));
  scored.sort((a, b) => b.overlap - a.overlap || a.issues.length - b.issues.length);
  const best = scored[0]!;
  const objectOptions = typed.filter((b) => b.option?._zod.def.type === 'object').length;
  // An object that shares no key with any option: naming one option's missing keys would guess.
  if (isObject(value) && best.overlap === 0 && objectOptions > 1) {
    return [{ path, message: `expected ${all.join(' or ')}, got ${found}` }];
  }
  const sub: Ctx = { ...ctx, schema: best.option, input: value, prefix: [...ctx.prefix, ...rel] };
  return best.issues.flatMap((i) => convert(i, sub));
}
