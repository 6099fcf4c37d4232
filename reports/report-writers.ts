/**
 * Built-in report files in one explicit `name → renderer` map (no
 * registration by import side effect): the HTML report, and the gate's JUnit
 * XML, Markdown summary (with the run's findings) and JSON summary. Each is a
 * pure function of the stored results and the gate outcome; harness writes
 * the files (harness/run/write-reports.ts).
 */
import type { GateOutcome, RunResults, TargetVerdicts } from '../model/index.ts';
import { renderCapacityMarkdown } from './capacity-markdown.ts';
import { renderCostMarkdown } from './cost-markdown.ts';
import { gateSummaryJson } from './gate-json.ts';
import { renderJUnit } from './gate-junit.ts';
import { renderGateMarkdown } from './gate-markdown.ts';
import { renderHtmlReport } from './html-report.ts';
import { renderFindingsMarkdown } from './run-findings-markdown.ts';
import { renderVerdictMarkdown } from './verdict-markdown.ts';

/** What renderers share: the gate outcome (thresholds, and regressions when the caller compared), the verdicts. */
export interface ReportContext {
  gate: GateOutcome;
  /**
   * Verdicts between the run's targets (harness/gate targetVerdicts): the
   * summary at the top of report.html and summary.md. Absent: no summary.
   */
  verdicts?: TargetVerdicts;
}

/** One file of a run's directory. */
export interface ReportWriter {
  /** File name inside the run directory. */
  readonly file: string;
  render(results: RunResults, context: ReportContext): string;
}

export const reportWriters = {
  html: {
    file: 'report.html',
    render: (results, ctx) => renderHtmlReport(results, ctx.verdicts ? { verdicts: ctx.verdicts } : {}),
  },
  junit: { file: 'junit.xml', render: (_results, ctx) => renderJUnit(ctx.gate) },
  markdown: {
    file: 'summary.md',
    render: (results, ctx) =>
      renderGateMarkdown(ctx.gate, ctx.verdicts ? { preface: renderVerdictMarkdown(ctx.verdicts) } : {}) +
      renderCapacityMarkdown(results) +
      renderCostMarkdown(results) +
      renderFindingsMarkdown(results),
  },
  json: { file: 'gate.json', render: (_results, ctx) => gateSummaryJson(ctx.gate) },
} as const satisfies Record<string, ReportWriter>;

export type ReportWriterName = keyof typeof reportWriters;
