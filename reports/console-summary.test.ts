import { describe, expect, it } from 'vitest';
import { buildSampleResults } from '../test/helpers/sample-results.ts';
import { formatConsoleSummary } from './console-summary.ts';
import { visibleLength } from './text-table.ts';

const sample = buildSampleResults();

describe('formatConsoleSummary', () => {
  const text = formatConsoleSummary(sample);
  const lines = text.split('\n');

  it('lists both targets side by side with their rates and latencies', () => {
    const header = lines.find((l) => /^\s+target\s+status\s+req\/s\s+p50 ms\s+p95 ms\s+p99 ms/.test(l));
    expect(header).toBeDefined();
    for (const cell of sample.cells) {
      const row = lines.find((l) => l.trimStart().startsWith(cell.target));
      expect(row, cell.target).toBeDefined();
      expect(row).toContain(String(Math.round(cell.summary!.rate)));
      // columns line up under the header
      expect(row!.indexOf('completed')).toBe(header!.indexOf('status'));
    }
  });

  it('prints threshold verdicts and the generator-bound warning', () => {
    expect(text).toMatch(/✗\s+http_req_duration p\(95\)<50\s+monolith ✗ \d+ ms\s+replicated ✓ [\d.]+ ms/);
    expect(text).toMatch(/✓\s+http_req_failed rate<0\.01/);
    expect(text).toMatch(/⚠ generator-bound: replicated \/ load — event-loop lag/);
    expect(text).toContain('✗ 1 of 6 threshold checks failed');
  });

  it('has no colour unless asked, and the same layout with it', () => {
    expect(text).not.toContain('\u001b[');
    const colored = formatConsoleSummary(sample, { color: true });
    expect(colored).toContain('\u001b[31m');
    const plainWidths = lines.map((l) => l.length);
    const colorWidths = colored.split('\n').map(visibleLength);
    expect(colorWidths).toEqual(plainWidths);
  });

  it('says when the run is incomplete', () => {
    const aborted = buildSampleResults({ status: 'aborted' });
    aborted.verdict = { ...aborted.verdict!, reason: 'SIGINT' };
    expect(formatConsoleSummary(aborted)).toContain('✗ ABORTED RUN — results are incomplete: SIGINT');
  });
});
