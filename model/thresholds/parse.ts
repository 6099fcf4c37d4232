/**
 * Parser for k6 threshold expressions (`p(95)<200`, `rate<0.01`).
 *
 * Grammar (whitespace allowed between tokens, as k6 allows):
 *
 *   threshold   = aggregation operator number
 *   aggregation = "avg" | "min" | "max" | "med" | "count" | "rate" | "value"
 *               | "p(" number ")"              ; 0 <= N <= 100, may be fractional: p(99.9)
 *   operator    = "<=" | "<" | ">=" | ">" | "===" | "==" | "!="
 *   number      = ["-"] (digits ["." digits] | "." digits) [("e" | "E") ["+" | "-"] digits]
 *
 * `==` and `===` mean the same (k6 compares float64 values). Which
 * aggregations a metric supports depends on its type: see `AGGREGATIONS_BY_TYPE`
 * in metrics/registry.ts and `checkThresholds` in check.ts.
 */
import type { Aggregation } from '../metrics/registry.ts';

export type Operator = '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';

export interface ThresholdExpression {
  /** The expression as written. */
  source: string;
  aggregation: Aggregation;
  op: Operator;
  value: number;
}

export type ParseResult = { ok: true; expr: ThresholdExpression } | { ok: false; problem: string };

const NAMED = ['avg', 'min', 'max', 'med', 'count', 'rate', 'value'] as const;
// Longest first, so `<=` is not read as `<` followed by `=`.
const OPERATORS: readonly Operator[] = ['===', '==', '!=', '<=', '>=', '<', '>'];
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const AGG_LIST = 'avg, min, max, med, count, rate, value or p(N)';

export function parseThreshold(source: string): ParseResult {
  const fail = (problem: string): ParseResult => ({ ok: false, problem });
  let rest = source.trim();
  if (rest === '') return fail('empty threshold: expected e.g. "p(95)<200" or "rate<0.01"');

  let aggregation: Aggregation;
  const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0] ?? '';
  if (word === 'p' && /^p\s*\(/.test(rest)) {
    const m = /^p\s*\(\s*([^)]*?)\s*\)/.exec(rest);
    if (!m) return fail(`unclosed "p(" in "${source}": expected p(N), e.g. p(95)`);
    const n = NUMBER.exec(m[1]!)?.[0];
    if (n === undefined || n !== m[1]) return fail(`expected a number in p(…), got "${m[1]}"`);
    const p = Number(n);
    if (p < 0 || p > 100) return fail(`percentile must be between 0 and 100, got p(${n})`);
    aggregation = { method: 'p', p };
    rest = rest.slice(m[0].length).trimStart();
  } else if ((NAMED as readonly string[]).includes(word)) {
    aggregation = { method: word as (typeof NAMED)[number] };
    rest = rest.slice(word.length).trimStart();
  } else {
    if (/^p\d+(?:\.\d+)?$/.test(word))
      return fail(`unknown aggregation "${word}" — did you mean "p(${word.slice(1)})"?`);
    const found = word === '' ? `"${rest}"` : `"${word}"`;
    return fail(`expected an aggregation (${AGG_LIST}) at the start, got ${found}`);
  }

  const op = OPERATORS.find((o) => rest.startsWith(o));
  if (!op) {
    const got = rest === '' ? 'nothing' : `"${rest}"`;
    return fail(`expected an operator (<, <=, >, >=, ==, ===, !=) after the aggregation, got ${got}`);
  }
  rest = rest.slice(op.length).trim();

  const num = NUMBER.exec(rest)?.[0];
  if (num === undefined)
    return fail(`expected a number after "${op}", got ${rest === '' ? 'nothing' : `"${rest}"`}`);
  if (num.length !== rest.length) {
    const extra = rest.slice(num.length).trim();
    const unit = /^(ms|s|m|%)$/.test(extra)
      ? ' (thresholds take plain numbers: durations in ms, rates as 0..1)'
      : '';
    return fail(`unexpected "${extra}" after the number${unit}`);
  }
  return { ok: true, expr: { source, aggregation, op, value: Number(num) } };
}

/** Applies the operator: `actual <op> value`. */
export function compare(actual: number, op: Operator, value: number): boolean {
  switch (op) {
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '==':
    case '===':
      return actual === value;
    case '!=':
      return actual !== value;
  }
}

/** `p(95)`, `avg`, … as written in an expression. */
export function formatAggregation(agg: Aggregation): string {
  return agg.method === 'p' ? `p(${agg.p})` : agg.method;
}
