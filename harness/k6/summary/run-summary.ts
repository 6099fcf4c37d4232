/**
 * The k6 summary of a stored run (`harness run --summary-export`) and the
 * JSON text of either layout.
 */
import type { RunResults } from '../../../model/index.ts';
import { buildK6Summary, type SummaryPart } from './build-summary.ts';
import { toLegacySummary } from './legacy-summary.ts';
import type { K6SummaryData, SummaryLayout } from './types.ts';

/** One part per cell that measured something, tagged with its target and profile (and trial, when repeated). */
export function runSummaryParts(results: RunResults): SummaryPart[] {
  const cells = results.cells.filter((c) => c.intervals.length > 0);
  const repeated = cells.some((c) => c.trial > 1);
  return cells.map((c) => ({
    tags: { target: c.target, profile: c.profile, ...(repeated ? { trial: String(c.trial) } : {}) },
    intervals: c.intervals,
    ...(c.thresholds ? { thresholds: c.thresholds } : {}),
  }));
}

/** A run's summary: its counter rates divide by the time under load (the cells' windows added up). */
export function runSummary(results: RunResults, opts: { noColor?: boolean } = {}): K6SummaryData {
  const parts = runSummaryParts(results);
  const loadMs = parts.reduce((n, p) => n + windowOf(p), 0);
  return buildK6Summary(parts, { testRunDurationMs: loadMs, ...opts });
}

export function renderSummary(data: K6SummaryData, layout: SummaryLayout): string {
  return `${JSON.stringify(layout === 'legacy' ? toLegacySummary(data) : data, null, 2)}\n`;
}

function windowOf(part: SummaryPart): number {
  if (part.intervals.length === 0) return 0;
  const start = Math.min(...part.intervals.map((s) => s.ts));
  const end = Math.max(...part.intervals.map((s) => s.ts + s.durationMs));
  return end - start;
}
