import { describe, expect, it } from 'vitest';
import type { ScenarioStats, ThresholdsConfig } from '../../model/index.ts';
import { evaluateThresholds } from '../../model/index.ts';
import { intervalSample } from '../../test/helpers/intervals.ts';
import { checkThresholds } from './check.ts';

const T0 = 1_700_000_000_000;
const stats = (iterations: number, droppedIterations: number, vus: number): ScenarioStats => ({
  iterations,
  droppedIterations,
  vus,
  vusMax: vus + 1,
});

// Readers (open) drop 3 iterations in the second interval; writers start in the second.
const mixed = [
  intervalSample(
    T0,
    {},
    {
      iterations: 100,
      droppedIterations: 0,
      byScenario: { readers: stats(100, 0, 4), writers: stats(0, 0, 0) },
    },
  ),
  intervalSample(
    T0 + 1000,
    {},
    {
      iterations: 147,
      droppedIterations: 3,
      byScenario: { readers: stats(97, 3, 9), writers: stats(50, 0, 5) },
    },
  ),
];
// A single-executor cell: no scenarios.
const single = [intervalSample(T0, {}, { iterations: 10, droppedIterations: 0 })];

const thresholds: ThresholdsConfig = {
  'dropped_iterations{scenario:readers}': ['count<1'],
  'iterations{scenario:writers}': ['count>=50', 'rate>20'],
  'vus{scenario:writers}': ['max<=5'],
  iterations: ['count==247'],
};

describe('thresholds tagged scenario', () => {
  it('read each scenario from byScenario', () => {
    const results = evaluateThresholds(thresholds, mixed);
    expect(results.map((r) => [r.metric, r.expression, r.ok, r.actual])).toEqual([
      ['dropped_iterations{scenario:readers}', 'count<1', false, 3],
      ['iterations{scenario:writers}', 'count>=50', true, 50],
      ['iterations{scenario:writers}', 'rate>20', true, 25],
      ['vus{scenario:writers}', 'max<=5', true, 5],
      ['iterations', 'count==247', true, 247],
    ]);
  });

  it('have no data in a cell whose profile lacks the scenario (no data passes, as k6)', () => {
    const results = evaluateThresholds({ 'iterations{scenario:writers}': ['count>0'] }, single);
    expect(results[0]).toMatchObject({ ok: true, actual: null });
  });

  it('are checked against the scenarios of the profiles, and only on metrics kept per scenario', () => {
    const problems = checkThresholds(
      {
        'iterations{scenario:writer}': ['count>0'],
        'http_req_duration{scenario:readers}': ['p(95)<200'],
        'checks{scenario:readers}': ['rate>0.9'],
        'dropped_iterations{scenario:readers}': ['count<1'],
      },
      { scenarioNames: ['readers', 'writers'] },
    );
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      [
        'thresholds["iterations{scenario:writer}"]',
        'no scenario named "writer" in any profile (scenarios: readers, writers)',
      ],
      [
        'thresholds["http_req_duration{scenario:readers}"]',
        'http_req_duration cannot be filtered by "scenario": samples keep it per name only (request metrics are kept per request name: give each scenario its own requests and filter by name)',
      ],
      [
        'thresholds["checks{scenario:readers}"]',
        'checks cannot be filtered by tags (it is measured per run, not per request)',
      ],
    ]);
    expect(checkThresholds({ 'iterations{scenario:readers}': ['count>0'] }, { scenarioNames: [] })).toEqual([
      {
        path: 'thresholds["iterations{scenario:readers}"]',
        message:
          'no profile has scenarios, so nothing is tagged scenario:readers (write a profile as { scenarios: { readers: {...} } })',
      },
    ]);
  });
});
