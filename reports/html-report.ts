/**
 * The self-contained HTML report: one file, inline CSS and inline SVG charts,
 * no scripts, fonts or network requests. Rendered with EJS from
 * `templates/report.ejs`; every user string goes through `<%=` escaping.
 */
import { readFileSync } from 'node:fs';
import ejs from 'ejs';
import type { RunResults } from '../model/index.ts';
import { buildReportView, type ReportView } from './report-model.ts';

const TEMPLATE = new URL('./templates/report.ejs', import.meta.url);
const CSS = new URL('./templates/report.css', import.meta.url);

type Render = (data: { view: ReportView; css: string }) => string;
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
}

export function renderHtmlReport(results: RunResults, opts: HtmlReportOptions = {}): string {
  const { render, css } = template();
  return render({ view: buildReportView(results, opts.now), css });
}
