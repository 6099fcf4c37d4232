/**
 * An architecture's parameter schema: each parameter's type, default, range or
 * values, and help — one declaration that gives `harness targets` its listing,
 * the scenario check its problems, and the topology builder its typed values.
 *
 *   params: { poolSize: int(10, 1, 1_000, 'Postgres connections per process'), ... }
 */
import type { InputProblem } from '../../model/index.ts';

export interface IntParam {
  type: 'int';
  default: number;
  min: number;
  max: number;
  help: string;
}

export interface EnumParam<V extends string = string> {
  type: 'enum';
  default: V;
  values: readonly V[];
  help: string;
}

export type ParamSpec = IntParam | EnumParam;
export type ParamSchema = Record<string, ParamSpec>;

/** The values a schema describes: numbers for `int`, the union of its values for `enum`. */
export type ParamValues<S extends ParamSchema> = {
  [K in keyof S]: S[K] extends EnumParam<infer V> ? V : number;
};

export function int(defaultValue: number, min: number, max: number, help: string): IntParam {
  return { type: 'int', default: defaultValue, min, max, help };
}

export function oneOf<const V extends string>(
  values: readonly V[],
  defaultValue: V,
  help: string,
): EnumParam<V> {
  return { type: 'enum', default: defaultValue, values, help };
}

export function defaults<S extends ParamSchema>(schema: S): ParamValues<S> {
  return Object.fromEntries(Object.entries(schema).map(([k, s]) => [k, s.default])) as ParamValues<S>;
}

/** Every problem with `params` against `schema`, paths `params.<key>`; empty when they fit. */
export function paramProblems(
  arch: string,
  schema: ParamSchema,
  params: Record<string, unknown>,
): InputProblem[] {
  const problems: InputProblem[] = [];
  const valid = Object.keys(schema);
  for (const [key, value] of Object.entries(params)) {
    const path = `params.${key}`;
    const spec = Object.hasOwn(schema, key) ? schema[key] : undefined;
    if (spec === undefined) {
      problems.push({
        path,
        message: `unknown parameter for "${arch}"; valid: ${valid.length > 0 ? valid.join(', ') : '(none)'}`,
      });
      continue;
    }
    const expected = spec.type === 'int' ? 'number' : 'string';
    if (typeof value !== expected) {
      problems.push({
        path,
        message: `must be a ${expected}, got ${value === null ? 'null' : typeof value}`,
      });
      continue;
    }
    const message = valueProblem(spec, value);
    if (message !== undefined) problems.push({ path, message: `${message}, got ${JSON.stringify(value)}` });
  }
  return problems;
}

function valueProblem(spec: ParamSpec, value: unknown): string | undefined {
  if (spec.type === 'int')
    return typeof value === 'number' && Number.isInteger(value) && value >= spec.min && value <= spec.max
      ? undefined
      : `must be an integer in [${spec.min}, ${spec.max}]`;
  return typeof value === 'string' && spec.values.includes(value)
    ? undefined
    : `must be one of ${spec.values.join(', ')}`;
}

/** `poolSize = 10  (1..1000) — help`, for `harness targets`. */
export function describeParam(key: string, spec: ParamSpec): string {
  const range = spec.type === 'int' ? `${spec.min}..${spec.max}` : spec.values.join(' | ');
  return `${key} = ${JSON.stringify(spec.default)}  (${range}) — ${spec.help}`;
}
