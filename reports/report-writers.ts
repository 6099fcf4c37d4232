/**
 * Built-in report files in one explicit `name → renderer` map (no
 * registration by import side effect): the HTML report, and the gate's JUnit
 * XML, Markdown summary (with the run's findings) and JSON summary. Each is a
 * pure function of the stored results and the gate outcome; harness writes
 * the files (harness/run/write-reports.ts).
 */
import type { GateOutcome, RunResults } from '../model/index.ts';
import { gateSummaryJson } from './gate-json.ts';
import { renderJUnit } from './gate-junit.ts';
import { renderGateMarkdown } from './gate-markdown.ts';
import { renderHtmlReport } from './html-report.ts';
import { renderFindingsMarkdown } from './run-findings-markdown.ts';

/** What renderers share: the gate outcome (thresholds, and regressions when the caller compared). */
export interface ReportContext {
  gate: GateOutcome;
}

/** One file of a run's directory. */
export interface ReportWriter {
  /** File name inside the run directory. */
  readonly file: string;
  render(results: RunResults, context: ReportContext): string;
}

export const reportWriters = {
  html: { file: 'report.html', render: (results) => renderHtmlReport(results) },
  junit: { file: 'junit.xml', render: (_results, ctx) => renderJUnit(ctx.gate) },
  markdown: {
    file: 'summary.md',
    render: (results, ctx) => `${renderGateMarkdown(ctx.gate)}${renderFindingsMarkdown(results)}`,
  },
  json: { file: 'summary.json', render: (_results, ctx) => gateSummaryJson(ctx.gate) },
} as const satisfies Record<string, ReportWriter>;

export type ReportWriterName = keyof typeof reportWriters;
