import { describe, expect, it } from 'vitest';
import type { CellResult, IntervalSample, RunResults } from '../../model/index.ts';
import { summarizeCell } from '../../model/index.ts';
import { intervalSample, spread } from '../../test/helpers/intervals.ts';
import { noiseNotes, wideTrialSpreads } from './noise-notes.ts';
import { targetVerdicts } from './target-verdicts.ts';

const t0 = 1_700_000_000_000;

/** One trial of `seconds` seconds, 100 requests a second, latencies spread evenly up to ~`p95 / 0.95`. */
function trial(target: string, n: number, p95: number, seconds = 10): CellResult {
  const intervals: IntervalSample[] = [...Array(seconds).keys()].map((i) =>
    intervalSample(t0 + i * 1000, { get: { latenciesMs: spread(100, p95 / 10, p95 / 0.95) } }),
  );
  return {
    id: `${target}/steady/${n}`,
    target,
    targetKind: target,
    profile: 'steady',
    trial: n,
    executor: { executor: 'constant-arrival-rate', rate: 100, timeUnit: '1s', duration: '10s' },
    model: 'open',
    status: 'completed',
    intervals,
    summary: summarizeCell(intervals),
  };
}

function run(trials: Record<string, number[]>): RunResults {
  const cells: CellResult[] = [];
  const n = Math.max(...Object.values(trials).map((v) => v.length));
  // Interleaved, as the planner runs them.
  for (let i = 0; i < n; i++)
    for (const [target, p95s] of Object.entries(trials))
      if (p95s[i] !== undefined) cells.push(trial(target, i + 1, p95s[i]!));
  return {
    schemaVersion: 2,
    runId: 'r',
    status: 'completed',
    startedAt: t0,
    scenario: { name: 's', file: 's.ts', hash: 'h', config: {} },
    options: { durationScale: 1, trials: n, runtime: 'local' },
    environment: {} as RunResults['environment'],
    cells,
  };
}

describe('noiseNotes', () => {
  it('calls a clear, repeated difference beyond noise, over the trials', () => {
    const [c] = targetVerdicts(run({ monolith: [7.1, 6.9, 7.3], cached: [1.4, 1.6, 1.5] })).comparisons;
    expect(c).toMatchObject({ reference: 'monolith', target: 'cached', method: 'trials', trials: [3, 3] });
    expect(c!.metrics.find((m) => m.metric === 'p95')).toMatchObject({ verdict: 'better', pValue: 0.05 });
    const [line] = noiseNotes(run({ monolith: [7.1, 6.9, 7.3], cached: [1.4, 1.6, 1.5] }));
    expect(line).toMatch(
      /^noise: steady — cached vs monolith: faster beyond noise: p50 .*; p95 1\.\d\d vs 7\.\d\d ms \(×0\.2\d, beyond noise, p=0\.05\) over 3 vs 3 trials$/,
    );
  });

  it('says there is no significant difference when one cold trial made the gap (the issue’s three runs)', () => {
    const results = run({ monolith: [10.1, 3.18, 2.96], cached: [3.1, 3.51, 3.71] });
    const [c] = targetVerdicts(results).comparisons;
    expect(c!.metrics.filter((m) => m.verdict === 'better' || m.verdict === 'worse')).toEqual([]);
    expect(wideTrialSpreads(results)).toEqual([
      { profile: 'steady', target: 'monolith', p95: expect.any(Array) },
    ]);
    const lines = noiseNotes(results);
    expect(lines[0]).toMatch(
      /^noise: steady — no significant difference between cached and monolith at this load: /,
    );
    expect(lines[0]).toMatch(/within noise/);
    expect(lines[1]).toMatch(
      /^⚠ noise: steady — monolith's trials spread 10\.\d \/ 3\.\d\d \/ 2\.9\d ms \(p95\)/,
    );
  });

  it('with a single trial, tests the per-second figures and says a few trials would be firmer', () => {
    const [line, note] = noiseNotes(run({ monolith: [7], cached: [1.5] }));
    expect(line).toMatch(/faster beyond noise: .* over 10 vs 10 per-second samples$/);
    expect(note).toMatch(/^noise: with a single trial .* use trials: 3 for a firmer answer$/);
    const [same] = noiseNotes(run({ monolith: [3], cached: [3] }));
    expect(same).toMatch(/no significant difference between cached and monolith/);
  });

  it('with fault schedules, compares like with like: the targets within each schedule', () => {
    const results = run({
      'monolith@none': [3],
      'monolith@kill': [9],
      'cached@none': [1],
      'cached@kill': [1],
    });
    for (const c of results.cells) c.schedule = c.target.split('@')[1];
    const lines = noiseNotes(results);
    expect(
      lines
        .filter((l) => l.startsWith('noise: steady —'))
        .map((l) => /— .*?([\w-]+@[\w-]+).*?([\w-]+@[\w-]+)/.exec(l)!.slice(1, 3)),
    ).toEqual([
      ['cached@none', 'monolith@none'],
      ['cached@kill', 'monolith@kill'],
    ]);
  });

  it('leaves capacity searches out: their p95 is at a different rate in each trial', () => {
    const results = run({ monolith: [10.1, 3.18, 2.96], cached: [3.1, 3.51, 3.71] });
    for (const c of results.cells) c.capacity = {} as NonNullable<CellResult['capacity']>;
    expect(wideTrialSpreads(results)).toEqual([]);
    expect(noiseNotes(results)).toEqual([]);
  });

  it('says nothing for a single target, or for cells that did not complete', () => {
    expect(noiseNotes(run({ monolith: [3, 3, 3] }))).toEqual([]);
    const results = run({ monolith: [3], cached: [1] });
    results.cells[1]!.status = 'failed';
    expect(noiseNotes(results)).toEqual([]);
  });
});
