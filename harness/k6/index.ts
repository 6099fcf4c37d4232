/**
 * The k6 wing of harness: summaries k6 tools read, scenarios as k6 scripts,
 * k6 as an engine, k6-operator manifests, and k6 JSON outputs imported as runs.
 */

export { findK6, type K6Binary, locateK6 } from './engine/find-k6.ts';
export { K6Engine, type K6EngineOptions } from './engine/k6-engine.ts';
export { type ExportK6Result, exportK6 } from './export/export-k6.ts';
export { type ExportOperatorOptions, exportOperator } from './export/export-operator.ts';
export { type ImportK6Options, importK6 } from './import/import-k6.ts';
export { K6_METRICS } from './k6-metrics.ts';
export { type K6Line, type K6Point, parseK6Line } from './output/json-lines.ts';
export { PointAggregator } from './output/point-aggregator.ts';
export { generateK6Script, type ScriptInput } from './script/generate-script.ts';
export { buildK6Summary, type SummaryPart } from './summary/build-summary.ts';
export { toLegacySummary } from './summary/legacy-summary.ts';
export { renderSummary, runSummary } from './summary/run-summary.ts';
export type { K6SummaryData, SummaryLayout } from './summary/types.ts';
export { writeExport } from './summary/write-export.ts';
