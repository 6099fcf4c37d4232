import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../model/index.ts';
import { type LoadUrlOptions, metricColon, planLoad, seconds } from './load-url.ts';

const base: LoadUrlOptions = {
  url: 'http://127.0.0.1:8080/items/1',
  method: 'GET',
  headers: [],
  timeout: '10s',
  thresholds: [],
};

const problemsOf = (o: Partial<LoadUrlOptions>): string[] => {
  try {
    planLoad({ ...base, ...o });
    return [];
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    return err.problems.map((p) => `${p.path}: ${p.message}`);
  }
};

describe('harness load flags', () => {
  it('splits a tagged threshold at the colon after the tag filter, as k6 users write it', () => {
    expect(metricColon('http_reqs{status:200}:count>10')).toBe(21);
    expect(metricColon('http_req_duration:p(95)<200')).toBe(17);
    expect(metricColon('no-colon')).toBe(-1);
    const plan = planLoad({
      ...base,
      vus: 2,
      thresholds: ['http_reqs{status:200}:count>10', 'http_req_duration{name:request}:p(95)<200'],
    });
    expect(plan.thresholds).toEqual({
      'http_reqs{status:200}': ['count>10'],
      'http_req_duration{name:request}': ['p(95)<200'],
    });
  });

  it('takes bare numbers as seconds for --duration and --timeout, as autocannon does', () => {
    expect(seconds('30')).toBe('30s');
    expect(seconds('1.5')).toBe('1.5s');
    expect(seconds('2m')).toBe('2m');
    const plan = planLoad({ ...base, rate: 100, duration: '20', timeout: '2' });
    expect(plan.executor).toEqual({
      executor: 'constant-arrival-rate',
      rate: 100,
      timeUnit: '1s',
      duration: '20s',
    });
    expect(plan.timeoutMs).toBe(2000);
  });

  it('-i shares iterations between the VUs (k6 shared-iterations), -d then bounds the run', () => {
    expect(planLoad({ ...base, vus: 4, iterations: 100 }).executor).toEqual({
      executor: 'shared-iterations',
      vus: 4,
      iterations: 100,
      maxDuration: '10m',
    });
    expect(planLoad({ ...base, iterations: 5, duration: '30s' }).executor).toMatchObject({
      vus: 1,
      maxDuration: '30s',
    });
    expect(problemsOf({ rate: 10, iterations: 5 })).toEqual([
      expect.stringMatching(/^--iterations: .*not with --rate/),
    ]);
  });

  it('reports every bad flag at once', () => {
    const problems = problemsOf({
      duration: 'soon',
      thresholds: ['http_req_durations:p(95)<1', 'nocolon'],
      summaryExport: '/',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^--vus\/--rate: give exactly one/),
      expect.stringMatching(/^--duration: expected a duration/),
      expect.stringMatching(/^--threshold: expected "metric:expression"/),
      expect.stringMatching(/^--summary-export: \/ is a directory/),
      expect.stringMatching(
        /^--threshold http_req_durations: unknown metric .*did you mean "http_req_duration"/,
      ),
    ]);
  });
});
