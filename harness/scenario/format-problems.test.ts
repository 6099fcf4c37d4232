import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeValue, didYouMean, formatPath, formatZodIssues, levenshtein } from './format-problems.ts';

describe('formatPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(formatPath(['profiles', 'steady', 'rate'])).toBe('profiles.steady.rate');
    expect(formatPath(['workload', 'mix', 1, 'weight'])).toBe('workload.mix[1].weight');
    expect(formatPath(['profiles', 'ramp-up'])).toBe('profiles.ramp-up');
  });

  it('quotes keys that are not plain names', () => {
    expect(formatPath(['thresholds', 'http_reqs{status:500}', 0])).toBe(
      'thresholds["http_reqs{status:500}"][0]',
    );
    expect(formatPath(['a.b'])).toBe('["a.b"]');
    expect(formatPath([])).toBe('');
  });
});

describe('levenshtein / didYouMean', () => {
  it('counts edits', () => {
    expect(levenshtein('duraton', 'duration')).toBe(1);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
  });

  it('suggests only plausible typos', () => {
    expect(didYouMean('duraton', ['duration', 'vus', 'executor'])).toBe('duration');
    expect(didYouMean('VUS', ['duration', 'vus'])).toBe('vus');
    expect(didYouMean('zzzzzz', ['duration', 'vus'])).toBeUndefined();
  });
});

describe('describeValue', () => {
  it('names the type and shows short values', () => {
    expect(describeValue('fast')).toBe('string "fast"');
    expect(describeValue(5)).toBe('number 5');
    expect(describeValue(null)).toBe('null');
    expect(describeValue([])).toBe('an empty list');
    expect(describeValue({})).toBe('an object');
    expect(describeValue('x'.repeat(100))).toMatch(/^string "x{37}\.\.\."$/);
  });
});

describe('formatZodIssues', () => {
  const schema = z.strictObject({
    port: z.number().int().min(1).max(65535),
    name: z.string().min(1),
    tags: z.array(z.string()).max(2),
  });
  const check = (input: unknown) => {
    const r = schema.safeParse(input);
    return r.success ? [] : formatZodIssues(r.error.issues, input, schema);
  };

  it('formats ranges, lengths and numeric strings', () => {
    expect(check({ port: 0, name: '', tags: ['a', 'b', 'c'] })).toEqual([
      { path: 'port', message: 'expected a number >= 1, got number 0' },
      { path: 'name', message: 'expected a non-empty string' },
      { path: 'tags', message: 'expected at most 2 items, got 3' },
    ]);
    expect(check({ port: '8080', name: 'x', tags: [] })).toEqual([
      { path: 'port', message: 'expected a number, got string "8080" (remove the quotes)' },
    ]);
  });
});
