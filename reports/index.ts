/**
 * The reports room. Renderers are pure functions of a stored RunResults, so
 * `harness report <dir>` re-renders a run without re-running it.
 */
export type { ConsoleSummaryOptions } from './console-summary.ts';
export { formatConsoleSummary } from './console-summary.ts';
export type { HtmlReportOptions } from './html-report.ts';
export { renderHtmlReport } from './html-report.ts';
export type { ReportWriter, ReportWriterName } from './report-writers.ts';
export { reportWriters } from './report-writers.ts';
export { writeReports } from './write-reports.ts';
