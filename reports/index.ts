/**
 * The reports room. Renderers are pure functions of stored results (and of
 * a comparison or gate outcome computed from them), so `harness report`,
 * `harness compare` and `harness gate` re-render without re-running.
 */

export { formatCapacitySummary, renderCapacityMarkdown } from './capacity-markdown.ts';
export type { AppliedFault, CellWithFaults } from './cell-faults.ts';
export { cellFaults, hasFaults, isAppliedFault } from './cell-faults.ts';
export { renderCompareHtml } from './compare-html.ts';
export { renderCompareMarkdown } from './compare-markdown.ts';
export type { ConsoleSummaryOptions } from './console-summary.ts';
export { formatConsoleSummary } from './console-summary.ts';
export { GATE_SUMMARY_SCHEMA, gateSummaryJson } from './gate-json.ts';
export { renderJUnit } from './gate-junit.ts';
export { type GateMarkdownOptions, renderGateMarkdown } from './gate-markdown.ts';
export type { HtmlReportOptions } from './html-report.ts';
export { renderHtmlReport } from './html-report.ts';
export { fmtDelta, fmtMetric, fmtNumber } from './markdown.ts';
export type { ReportContext, ReportWriter, ReportWriterName } from './report-writers.ts';
export { reportWriters } from './report-writers.ts';
export { renderVerdictMarkdown } from './verdict-markdown.ts';
export { sentenceText, type VerdictSummary, verdictSummary } from './verdict-summary.ts';
