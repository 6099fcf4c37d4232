import { describe, expect, it } from 'vitest';
import { compare, formatAggregation, parseThreshold } from './parse.ts';

const ok = (source: string) => {
  const r = parseThreshold(source);
  if (!r.ok) throw new Error(r.problem);
  return r.expr;
};
const problem = (source: string) => {
  const r = parseThreshold(source);
  if (r.ok) throw new Error(`"${source}" parsed`);
  return r.problem;
};

describe('parseThreshold', () => {
  it('parses every aggregation', () => {
    for (const method of ['avg', 'min', 'max', 'med', 'count', 'rate', 'value'] as const) {
      expect(ok(`${method}<1`).aggregation).toEqual({ method });
    }
    expect(ok('p(95)<200')).toEqual({
      source: 'p(95)<200',
      aggregation: { method: 'p', p: 95 },
      op: '<',
      value: 200,
    });
  });

  it('accepts fractional percentiles and whitespace', () => {
    expect(ok(' p( 99.9 ) <= 500 ')).toMatchObject({
      aggregation: { method: 'p', p: 99.9 },
      op: '<=',
      value: 500,
    });
  });

  it('parses every operator, longest first', () => {
    for (const op of ['<', '<=', '>', '>=', '==', '===', '!='] as const)
      expect(ok(`rate${op}0.5`).op).toBe(op);
  });

  it('parses number forms', () => {
    expect(ok('rate<.01').value).toBe(0.01);
    expect(ok('count>=1e3').value).toBe(1000);
    expect(ok('value>-1').value).toBe(-1);
  });

  it('explains what is wrong', () => {
    expect(problem('p95<200')).toBe('unknown aggregation "p95" — did you mean "p(95)"?');
    expect(problem('mean<200')).toMatch(
      /^expected an aggregation \(avg, .* or p\(N\)\) at the start, got "mean"$/,
    );
    expect(problem('p(95)')).toMatch(/^expected an operator .* got nothing$/);
    expect(problem('p(95)=>200')).toMatch(/^expected an operator .* got "=>200"$/);
    expect(problem('p(95)<')).toBe('expected a number after "<", got nothing');
    expect(problem('p(95)<fast')).toBe('expected a number after "<", got "fast"');
    expect(problem('p(95)<200ms')).toMatch(
      /^unexpected "ms" after the number \(thresholds take plain numbers/,
    );
    expect(problem('p(x)<1')).toBe('expected a number in p(…), got "x"');
    expect(problem('p(101)<1')).toBe('percentile must be between 0 and 100, got p(101)');
    expect(problem('p(95<1')).toMatch(/^unclosed "p\(" /);
    expect(problem('')).toMatch(/^empty threshold/);
  });
});

describe('compare / formatAggregation', () => {
  it('applies operators', () => {
    expect(compare(1, '<', 2)).toBe(true);
    expect(compare(2, '<=', 2)).toBe(true);
    expect(compare(2, '>', 2)).toBe(false);
    expect(compare(2, '>=', 2)).toBe(true);
    expect(compare(2, '==', 2)).toBe(true);
    expect(compare(2, '===', 2)).toBe(true);
    expect(compare(2, '!=', 2)).toBe(false);
  });

  it('writes aggregations as k6 does', () => {
    expect(formatAggregation({ method: 'p', p: 99.9 })).toBe('p(99.9)');
    expect(formatAggregation({ method: 'avg' })).toBe('avg');
  });
});
