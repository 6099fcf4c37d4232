/**
 * Built-in report writers in one explicit `name → writer` map (no
 * registration by import side effect): the HTML report, and the gate's
 * JUnit XML, Markdown summary (with the run's findings) and JSON summary.
 */
import { join } from 'node:path';
import { type GateOutcome, gate } from '../harness/gate/index.ts';
import type { RunResults } from '../harness/results/types.ts';
import { writeAtomic } from './atomic-write.ts';
import { gateSummaryJson } from './gate-json.ts';
import { renderJUnit } from './gate-junit.ts';
import { renderGateMarkdown } from './gate-markdown.ts';
import { renderHtmlReport } from './html-report.ts';
import { renderFindingsMarkdown } from './run-findings-markdown.ts';

/** What writers share within one `writeReports` call. */
export interface ReportContext {
  /** The gate outcome (with a baseline, if the caller compared); computed from the results (thresholds only) when absent. */
  gate?: GateOutcome;
}

/** Renders one file of a run into `dir` (atomically) and returns its path. */
export interface ReportWriter {
  /** File name inside the run directory. */
  readonly file: string;
  write(dir: string, results: RunResults, context?: ReportContext): Promise<string>;
}

function writer(file: string, render: (results: RunResults, ctx: ReportContext) => string): ReportWriter {
  return {
    file,
    async write(dir, results, context = {}) {
      const path = join(dir, file);
      await writeAtomic(path, render(results, context));
      return path;
    },
  };
}

const outcomeOf = (results: RunResults, ctx: ReportContext): GateOutcome => {
  ctx.gate ??= gate(results);
  return ctx.gate;
};

export const reportWriters = {
  html: writer('report.html', (results) => renderHtmlReport(results)),
  junit: writer('junit.xml', (results, ctx) => renderJUnit(outcomeOf(results, ctx))),
  markdown: writer(
    'summary.md',
    (results, ctx) => `${renderGateMarkdown(outcomeOf(results, ctx))}${renderFindingsMarkdown(results)}`,
  ),
  json: writer('gate.json', (results, ctx) => gateSummaryJson(outcomeOf(results, ctx))),
} as const satisfies Record<string, ReportWriter>;

export type ReportWriterName = keyof typeof reportWriters;
