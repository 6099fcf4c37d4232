import { describe, expect, it } from 'vitest';
import type { CellExecutor } from '../model/index.ts';
import { modelOf } from '../model/index.ts';
import { buildSampleResults } from '../test/helpers/sample-results.ts';
import { formatConsoleSummary } from './console-summary.ts';
import { describeExecutor } from './describe-executor.ts';
import { stageMarkers } from './stage-markers.ts';

const mixed: CellExecutor = {
  executor: 'scenarios',
  scenarios: {
    readers: { executor: 'constant-arrival-rate', rate: 200, timeUnit: '1s', duration: '30s' },
    writers: {
      executor: 'ramping-vus',
      startVUs: 0,
      startTime: '10s',
      stages: [
        { duration: '10s', target: 5 },
        { duration: '10s', target: 5 },
      ],
    },
  },
};

describe('a cell of concurrent scenarios, as the reports and progress show it', () => {
  it('is mixed when it has open and closed scenarios', () => {
    expect(modelOf(mixed)).toBe('mixed');
    expect(modelOf({ executor: 'scenarios', scenarios: { a: mixed.scenarios.readers! } })).toBe('open');
    expect(modelOf(mixed.scenarios.writers!)).toBe('closed');
  });

  it('describes each scenario by name, with its start', () => {
    expect(describeExecutor(mixed)).toBe(
      'scenarios at once · readers: constant-arrival-rate · 200 iterations/1s for 30s (VUs 20 pre-allocated, max 1000) | writers from 10s: ramping-vus · from 0 VUs: 5 VUs in 10s → 5 VUs in 10s',
    );
  });

  it('marks where a scenario starts and its stages, on the run clock', () => {
    expect(stageMarkers(mixed)).toEqual([
      { at: 10, label: 'writers starts' },
      { at: 20, label: 'writers → 5 VUs' },
      { at: 30, label: 'writers end' },
    ]);
  });
});

describe('a mixed profile in the console summary', () => {
  it('prints each cell’s iterations per scenario', () => {
    const results = buildSampleResults();
    const cell = results.cells[0]!;
    cell.executor = mixed;
    cell.model = 'mixed';
    cell.summary = {
      ...cell.summary!,
      byScenario: {
        readers: { iterations: 1800, droppedIterations: 3, vusMax: 30 },
        writers: { iterations: 576, droppedIterations: 0, vusMax: 5 },
      },
    };
    const text = formatConsoleSummary({ ...results, cells: [cell] });
    expect(text).toContain(`— ${describeExecutor(mixed)}`);
    expect(text).toMatch(
      /scenarios {2}monolith: readers 1800 iterations, 3 dropped · writers 576 iterations\n/,
    );
  });
});
