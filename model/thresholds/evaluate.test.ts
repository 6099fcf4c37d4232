import { describe, expect, it } from 'vitest';
import { intervalSample, spread } from '../../test/helpers/intervals.ts';
import type { ThresholdsConfig } from '../scenario/schema.ts';
import { evaluateThresholds, shouldAbort } from './evaluate.ts';

const T0 = 1_700_000_000_000;

// Five healthy seconds (reads 1..100 ms), then five slow ones (300..600 ms) with failures.
const intervals = Array.from({ length: 10 }, (_, i) =>
  intervalSample(T0 + i * 1000, {
    read: i < 5 ? { latenciesMs: spread(100, 1, 100) } : { latenciesMs: spread(100, 300, 600), failed: 10 },
  }),
);

const thresholds = (t: Record<string, ThresholdsConfig[string]>): ThresholdsConfig => t;

describe('evaluateThresholds', () => {
  it('compares trends in ms and keeps the order written', () => {
    const results = evaluateThresholds(
      thresholds({ http_req_duration: ['p(95)<700', 'p(60)<200', 'max<=601'] }),
      intervals,
    );
    expect(results.map((r) => [r.metric, r.expression, r.ok])).toEqual([
      ['http_req_duration', 'p(95)<700', true],
      ['http_req_duration', 'p(60)<200', false],
      ['http_req_duration', 'max<=601', true],
    ]);
    expect(results[1]!.actual).toBeGreaterThan(299);
    expect(results[1]!.actual).toBeLessThan(400);
    expect(results[0]!.abortOnFail).toBe(false);
  });

  it('evaluates rates, counters and tag filters', () => {
    const results = evaluateThresholds(
      thresholds({
        http_req_failed: ['rate<0.01'],
        'http_reqs{name:read}': ['count==1000', 'rate>=100'],
        'http_reqs{expected_response:false}': ['count<10'],
      }),
      intervals,
    );
    expect(results.map((r) => [r.expression, r.ok, r.actual])).toEqual([
      ['rate<0.01', false, 0.05],
      ['count==1000', true, 1000],
      ['rate>=100', true, 100],
      ['count<10', false, 50],
    ]);
  });

  it('evaluates up to `at` only, with counter rates over that window', () => {
    const at = T0 + 5000;
    const results = evaluateThresholds(
      thresholds({ http_req_duration: ['p(99)<150'], http_reqs: ['rate>=100'] }),
      intervals,
      { at },
    );
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(results[1]!.actual).toBe(100);
  });

  // k6: no data is not a breach — empty metrics are skipped during the run,
  // and an empty rate is left unset (passes) at the end.
  it('passes metrics with no samples, with actual null; counters count 0', () => {
    const idle = [intervalSample(T0, { read: { latenciesMs: [] } })];
    const results = evaluateThresholds(
      thresholds({
        http_req_duration: ['p(95)<200', 'avg>0'],
        http_req_failed: ['rate<0.01'],
        http_reqs: ['count>0'],
      }),
      idle,
    );
    expect(results.map((r) => [r.expression, r.ok, r.actual])).toEqual([
      ['p(95)<200', true, null],
      ['avg>0', true, null],
      ['rate<0.01', true, null],
      ['count>0', false, 0],
    ]);
    expect(evaluateThresholds(thresholds({ http_reqs: ['count>0'] }), [])[0]).toMatchObject({
      ok: true,
      actual: null,
    });
  });

  it('gives the same verdicts when called live on a growing array', () => {
    const config = thresholds({ http_req_duration: ['p(95)<400'], http_reqs: ['count>=700'] });
    const growing: typeof intervals = [];
    const live = intervals.map((s) => {
      growing.push(s);
      return evaluateThresholds(config, growing);
    });
    for (let i = 0; i < intervals.length; i++) {
      expect(live[i]).toEqual(evaluateThresholds(config, intervals.slice(0, i + 1)));
    }
    expect(live.map((r) => r.map((t) => t.ok).join())).toContain('false,true');
    // Not append-only (an interval replaced): evaluated afresh, not from stale totals.
    growing.splice(0, growing.length, intervals[0]!);
    expect(evaluateThresholds(config, growing)).toEqual(evaluateThresholds(config, [intervals[0]!]));
  });

  it('returns nothing without thresholds', () => {
    expect(evaluateThresholds(undefined, intervals)).toEqual([]);
  });

  it('throws on a config that was not validated', () => {
    expect(() => evaluateThresholds(thresholds({ http_req_duration: ['p95<1'] }), intervals)).toThrow(/p95/);
  });
});

describe('shouldAbort', () => {
  const config = thresholds({
    http_req_duration: [
      'p(50)<200',
      { threshold: 'p(95)<200', abortOnFail: true, delayAbortEval: '10s' },
      { threshold: 'p(99)<1000', abortOnFail: true },
    ],
  });

  it('ignores failed thresholds without abortOnFail', () => {
    const results = evaluateThresholds(thresholds({ http_req_duration: ['p(95)<200'] }), intervals);
    expect(results[0]!.ok).toBe(false);
    expect(shouldAbort(results, 60_000)).toBeUndefined();
  });

  it('honours delayAbortEval', () => {
    const results = evaluateThresholds(config, intervals);
    expect(results[1]).toMatchObject({ ok: false, abortOnFail: true, delayAbortEvalMs: 10_000 });
    expect(shouldAbort(results, 5_000)).toBeUndefined();
    expect(shouldAbort(results, 10_000)).toBeUndefined();
    expect(shouldAbort(results, 10_001)).toBe(results[1]);
  });

  it('aborts at once without a delay', () => {
    const results = evaluateThresholds(
      thresholds({ http_req_failed: [{ threshold: 'rate<0.01', abortOnFail: true }] }),
      intervals,
    );
    expect(shouldAbort(results, 0)).toMatchObject({ metric: 'http_req_failed', expression: 'rate<0.01' });
  });

  it('never aborts on a metric with no data yet', () => {
    const results = evaluateThresholds(config, [intervalSample(T0, {})]);
    expect(shouldAbort(results, 60_000)).toBeUndefined();
  });
});
