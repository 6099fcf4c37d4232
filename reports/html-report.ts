/**
 * The self-contained HTML report: one file with its CSS, its chart data,
 * uPlot and the chart script inline, and no fonts, images or network
 * requests. Rendered with EJS from `templates/report.ejs`; every user string
 * goes through `<%=` escaping, and the chart data through scriptJson.
 */
import { readFileSync } from 'node:fs';
import ejs from 'ejs';
import type { RunResults, TargetVerdicts } from '../model/index.ts';
import { type ChartAssets, chartAssets } from './interactive/uplot-assets.ts';
import { buildReportView, type ReportView } from './report-model.ts';

const TEMPLATE = new URL('./templates/report.ejs', import.meta.url);
const CSS = new URL('./templates/report.css', import.meta.url);

type Render = (data: { view: ReportView; css: string; assets: ChartAssets }) => string;
let compiled: { render: Render; css: string } | undefined;

function template(): { render: Render; css: string } {
  if (compiled === undefined) {
    const source = readFileSync(TEMPLATE, 'utf8');
    const render = ejs.compile(source, {
      filename: TEMPLATE.pathname,
      strict: true,
      localsName: 'r',
      async: false,
    }) as Render;
    compiled = { render, css: readFileSync(CSS, 'utf8') };
  }
  return compiled;
}

export interface HtmlReportOptions {
  /** Clock for the "generated on" line (tests pin it). */
  now?: number;
  /** Verdicts between targets (harness computes them): the summary at the top. */
  verdicts?: TargetVerdicts;
}

export function renderHtmlReport(results: RunResults, opts: HtmlReportOptions = {}): string {
  const { render, css } = template();
  return render({ view: buildReportView(results, opts.now, opts.verdicts), css, assets: chartAssets() });
}
