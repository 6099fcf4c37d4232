import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThresholdResult } from '../../../model/index.ts';
import { encodeMs, intervalSample, spread } from '../../../test/helpers/intervals.ts';
import { buildK6Summary, SUMMARY_TREND_STATS } from './build-summary.ts';
import current from './fixtures/k6-current.json' with { type: 'json' };
import legacy from './fixtures/k6-legacy.json' with { type: 'json' };
import { toLegacySummary } from './legacy-summary.ts';
import type { K6SummaryData } from './types.ts';
import { exportPathProblems, writeExport } from './write-export.ts';

const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);

// Two seconds: 90 reads (10 failed with 503) and 10 writes per second, checks, some iteration durations.
const intervals = [0, 1].map((i) =>
  intervalSample(
    T0 + i * 1000,
    {
      'get-item': {
        latenciesMs: spread(90, 1, 9),
        statuses: { '200': 80, '503': 10 },
        failed: 10,
        errors: { http_5xx: 10 },
      },
      'put-item': { latenciesMs: spread(10, 2, 20) },
    },
    {
      vus: 5 + i,
      vusMax: 8,
      checks: { passes: 9, fails: 1 },
      iterationDuration: encodeMs(spread(100, 1, 25)),
    },
  ),
);

const verdict = (metric: string, expression: string, ok: boolean): ThresholdResult => ({
  metric,
  expression,
  ok,
  actual: 0,
  abortOnFail: false,
});

describe('buildK6Summary (k6 handleSummary layout)', () => {
  const data = buildK6Summary([
    {
      intervals,
      thresholds: [
        verdict('http_req_duration', 'p(95)<1', false),
        verdict('http_req_failed', 'rate<0.5', true),
        verdict('http_reqs{status:200}', 'count>10', true),
      ],
    },
  ]);

  it('writes each metric as k6 does: its type, what it contains, the same value keys', () => {
    const k6 = current as K6SummaryData;
    for (const [name, theirs] of Object.entries(k6.metrics)) {
      const ours = data.metrics[name];
      expect(ours, name).toBeDefined();
      expect(ours!.type, name).toBe(theirs.type);
      expect(ours!.contains, name).toBe(theirs.contains);
      // k6's default trend stats, plus p(99).
      expect(Object.keys(ours!.values).sort(), name).toEqual(
        theirs.type === 'trend' ? [...SUMMARY_TREND_STATS].sort() : Object.keys(theirs.values).sort(),
      );
    }
    expect(Object.keys(data)).toEqual(Object.keys(k6));
    expect(data.root_group).toEqual(k6.root_group);
  });

  it('computes the values from the intervals: counts, per-second rates, failed requests as passes', () => {
    expect(data.state.testRunDurationMs).toBe(2000);
    expect(data.metrics.http_reqs!.values).toEqual({ count: 200, rate: 100 });
    expect(data.metrics['http_reqs{status:200}']!.values).toEqual({ count: 180, rate: 90 });
    expect(data.metrics.http_req_failed!.values).toEqual({ rate: 0.1, passes: 20, fails: 180 });
    expect(data.metrics.checks!.values).toEqual({ rate: 0.9, passes: 18, fails: 2 });
    expect(data.metrics.vus!.values).toEqual({ value: 6, min: 5, max: 6 });
    expect(data.metrics.http_req_duration!.values.max).toBeCloseTo(20, 1);
    expect(data.metrics.http_req_duration!.values.min).toBeCloseTo(1, 2);
    expect(data.metrics.iteration_duration!.values['p(90)']).toBeCloseTo(22.6, 0);
    expect(data.metrics.data_sent).toEqual({
      type: 'counter',
      contains: 'data',
      values: { count: 20_000, rate: 10_000 },
    });
  });

  it('attaches each threshold verdict as { ok }, tagged ones on their own submetric', () => {
    expect(data.metrics.http_req_duration!.thresholds).toEqual({ 'p(95)<1': { ok: false } });
    expect(data.metrics.http_req_failed!.thresholds).toEqual({ 'rate<0.5': { ok: true } });
    expect(data.metrics['http_reqs{status:200}']!.thresholds).toEqual({ 'count>10': { ok: true } });
    expect(data.metrics.http_reqs!.thresholds).toBeUndefined();
  });

  it('leaves out what was never measured, unless a threshold names it', () => {
    expect(data.metrics.dropped_iterations).toBeUndefined();
    expect(data.metrics.http_req_waiting).toBeUndefined();
    expect(data.metrics.http_req_service_time).toBeUndefined();
    const withThreshold = buildK6Summary([
      { intervals, thresholds: [verdict('dropped_iterations', 'count<1', true)] },
    ]);
    expect(withThreshold.metrics.dropped_iterations).toEqual({
      type: 'counter',
      contains: 'default',
      values: { count: 0, rate: 0 },
      thresholds: { 'count<1': { ok: true } },
    });
  });

  it('writes request phases where the engine measured them (the k6 engine does)', () => {
    const withTimings = intervals.map((s) => ({
      ...s,
      byRequest: Object.fromEntries(
        Object.entries(s.byRequest).map(([n, r]) => [n, { ...r, timings: { waiting: encodeMs([4, 6]) } }]),
      ),
    }));
    const summary = buildK6Summary([{ intervals: withTimings }]);
    expect(summary.metrics.http_req_waiting!.values.max).toBeCloseTo(6, 1);
    expect(summary.metrics.http_req_connecting).toBeUndefined();
  });

  it('several cells: metrics over all of them, and per cell a submetric holding its own verdicts', () => {
    const later = intervals.map((s) => ({ ...s, ts: s.ts + 10_000 }));
    const summary = buildK6Summary([
      {
        tags: { target: 'monolith', profile: 'steady' },
        intervals,
        thresholds: [verdict('http_req_duration', 'p(95)<1', false)],
      },
      {
        tags: { target: 'cached', profile: 'steady' },
        intervals: later,
        thresholds: [verdict('http_req_duration', 'p(95)<1', true)],
      },
    ]);
    expect(summary.metrics.http_reqs!.values.count).toBe(400);
    expect(summary.metrics.http_req_duration!.thresholds).toBeUndefined();
    expect(summary.metrics['http_req_duration{target:monolith,profile:steady}']!.thresholds).toEqual({
      'p(95)<1': { ok: false },
    });
    expect(summary.metrics['http_req_duration{target:cached,profile:steady}']!.thresholds).toEqual({
      'p(95)<1': { ok: true },
    });
    // A cell's rate is over its own window.
    expect(summary.metrics['http_reqs{target:cached,profile:steady}']!.values).toEqual({
      count: 200,
      rate: 100,
    });
  });
});

describe('toLegacySummary (k6 --summary-export layout)', () => {
  it('turns k6 current layout into the legacy one exactly as k6 wrote both for one run', () => {
    expect(toLegacySummary(current as K6SummaryData)).toEqual(legacy);
  });

  it('keeps the quirk: a threshold is true when it failed', () => {
    const data = buildK6Summary([
      { intervals, thresholds: [verdict('http_req_duration', 'p(95)<1', false)] },
    ]);
    expect(toLegacySummary(data).metrics.http_req_duration!.thresholds).toEqual({ 'p(95)<1': true });
  });
});

describe('writeExport', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('- goes to stdout', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    expect(writeExport('-', '{"a":1}\n', out)).toBe('stdout');
    expect(text).toBe('{"a":1}\n');
  });

  it('writes a new file in a new directory, and replaces a regular file whole', () => {
    dir = mkdtempSync(join(tmpdir(), 'harness-export-'));
    const file = join(dir, 'out', 'summary.json');
    writeExport(file, 'one\n');
    writeExport(file, 'two\n');
    expect(readFileSync(file, 'utf8')).toBe('two\n');
  });

  it('writes through a symlink instead of renaming a file onto it (as /dev/stdout is one)', () => {
    dir = mkdtempSync(join(tmpdir(), 'harness-export-'));
    const target = join(dir, 'real.json');
    writeFileSync(target, 'old\n');
    const link = join(dir, 'link.json');
    symlinkSync(target, link);
    writeExport(link, 'new\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new\n');
  });

  it('a directory is invalid input, said before anything starts', () => {
    dir = mkdtempSync(join(tmpdir(), 'harness-export-'));
    mkdirSync(join(dir, 'd'));
    expect(exportPathProblems(join(dir, 'd'), '--summary-export')).toEqual([
      { path: '--summary-export', message: expect.stringContaining('is a directory') },
    ]);
    expect(exportPathProblems('-', '--summary-export')).toEqual([]);
  });
});
