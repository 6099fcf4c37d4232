import { describe, expect, it } from 'vitest';
import type { RunResults } from '../model/index.ts';
import { buildSampleResults } from '../test/helpers/sample-results.ts';
import { selfContainedProblems } from '../test/helpers/self-contained.ts';
import { renderHtmlReport } from './html-report.ts';
import type { ChartSpec } from './interactive/chart-data.ts';
import type { TimeTable } from './interactive/time-table.ts';

const sample = buildSampleResults();
/** The page without its inline scripts. */
const markup = (page: string) => page.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
/** The interactive charts' data, as the page's script reads it. */
function chartData(page: string): { tables: TimeTable[]; charts: ChartSpec[] } {
  const json = /<script type="application\/json" id="harness-chart-data">([\s\S]*?)<\/script>/.exec(
    page,
  )![1]!;
  return JSON.parse(json);
}
const html = renderHtmlReport(sample, { now: Date.UTC(2025, 2, 14, 10) });

function section(source: string, open: RegExp, close: string): string {
  const start = source.search(open);
  expect(start).toBeGreaterThanOrEqual(0);
  return source.slice(start, source.indexOf(close, start) + close.length);
}

describe('renderHtmlReport', () => {
  it('is one self-contained document: its scripts inline, no stylesheets, fonts or network references', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(selfContainedProblems(html)).toEqual([]);
    // uPlot, inlined from node_modules with its licence
    expect(html).toContain('Copyright (c) 2022 Leon Sorokin');
    expect(html).toMatch(/var uPlot=function/);
    expect(markup(html)).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]/);
  });

  it('finds a script that would reach the network, or a stray reference', () => {
    expect(selfContainedProblems('<script src="x.js"></script>')).toEqual([
      'unexpected script element <script src="x.js">',
    ]);
    expect(selfContainedProblems('<script>fetch("/x")</script>')).toEqual(['an inline script uses fetch(']);
    expect(selfContainedProblems('<a href="page.html">')).toHaveLength(1);
    expect(selfContainedProblems('<style>body{background:url(x.png)}</style>')).toHaveLength(1);
  });

  it('compares both targets side by side with their figures', () => {
    const table = section(html, /<table class="comparison">/, '</table>');
    expect(table).toContain('monolith');
    expect(table).toContain('replicated');
    const mono = sample.cells[0]!.summary!;
    expect(table).toContain(`>${Math.round(mono.rate)}<`);
    expect(table).toContain('dropped iter.');
  });

  it('marks the failed threshold', () => {
    const table = section(html, /<table class="comparison">/, '</table>');
    expect(table).toMatch(/<span class="badge fail"[^>]*>✗ p\(95\)&lt;50<\/span>/);
    expect(table.match(/class="badge fail"/g)).toHaveLength(1);
    expect(html).toContain('1 of 6 threshold checks failed');
    const thresholds = section(html, /<table class="matrix thresholds">/, '</table>');
    expect(thresholds).toMatch(/class="num bad">✗ \d+ ms/);
  });

  it('has an interactive chart for throughput, latency, errors, VUs, latency bands and each request; the distribution as SVG', () => {
    const figures = html.match(/<figure class="chart-box">[\s\S]*?<\/figure>/g) ?? [];
    expect(figures.map((f) => /<figcaption>([^<]*)</.exec(f)?.[1])).toEqual([
      'Throughput',
      'Latency p95 (solid) and p99 (dashed)',
      'Error rate',
      'Virtual users',
      'Latency bands — monolith',
      'Latency bands — replicated',
      'Throughput per request',
      'Latency of read: p95 (solid), p99 (dashed)',
      'Latency of write: p95 (solid), p99 (dashed)',
      'Latency distribution (HDR percentiles)',
    ]);
    for (const f of figures.slice(0, -1)) expect(f).toMatch(/<div class="uchart" data-chart="\d+"/);
    expect(figures.at(-1)).toMatch(/<svg class="chart"[\s\S]*<path d="M/);

    const data = chartData(html);
    const ids = figures.slice(0, -1).map((f) => Number(/data-chart="(\d+)"/.exec(f)![1]));
    const spec = (caption: string) =>
      data.charts[ids[figures.findIndex((f) => f.includes(`<figcaption>${caption}<`))]!]!;
    // throughput: one series per target, each the rate column of its cell's table, second by second
    const throughput = spec('Throughput');
    expect(throughput.series.map((s) => s.label)).toEqual(['monolith', 'replicated']);
    const mono = data.tables[throughput.series[0]!.table]!;
    expect(mono.t).toEqual(sample.cells[0]!.intervals.map((_, i) => i));
    const counts = sample.cells[0]!.intervals.map((s) =>
      Object.values(s.byRequest).reduce((n, r) => n + r.count, 0),
    );
    expect(mono.cols.rate).toEqual(counts);
    // the bands chart: p50 to p99 filled, p90 and max
    const bands = spec('Latency bands — monolith');
    expect(bands.series.map((s) => s.col)).toEqual(['p50', 'p90', 'p99', 'max']);
    expect(bands.fills).toEqual([{ upper: 2, lower: 0, color: expect.stringMatching(/^#[0-9A-F]{6}1f$/i) }]);
    // every chart of the profile shares one crosshair and zoom
    expect(new Set(data.charts.map((c) => c.sync))).toEqual(new Set(['profile:load']));
  });

  it('warns loudly about the generator-bound cell', () => {
    const box = section(html, /<div class="banner banner-warn[ "]/, '</div>');
    expect(box).toContain('load generator was the bottleneck');
    expect(box).toContain('replicated');
    expect(html).toContain('class="generator-bound"');
  });

  it('shows integrity, per-request figures, error classes and the environment', () => {
    expect(section(html, /<section id="integrity">/, '</section>')).toMatch(/lost item-8812/);
    expect(html).toContain('<code>read</code>');
    expect(html).toContain('<code>write</code>');
    expect(html).toContain('http_5xx');
    const env = section(html, /<section id="environment">/, '</section>');
    for (const text of ['v20.18.1', 'postgres', '15.18', sample.scenario.hash, '× 0.5', 'AMD Ryzen']) {
      expect(env).toContain(text);
    }
  });

  it('says prominently when a run is partial or aborted', () => {
    const aborted = buildSampleResults({ status: 'aborted' });
    aborted.verdict = { ...aborted.verdict!, reason: 'interrupted (SIGINT)' };
    aborted.cells[1]!.status = 'aborted';
    const out = renderHtmlReport(aborted);
    expect(section(out, /<div class="banner banner-error banner-run"/, '</div>')).toMatch(
      /Aborted run[\s\S]*interrupted \(SIGINT\)[\s\S]*replicated \/ load: aborted/,
    );
    expect(renderHtmlReport(buildSampleResults({ status: 'running' }))).toContain('Partial run');
    expect(html).not.toContain('Aborted run');
  });

  it('escapes every user string', () => {
    const evil = buildSampleResults();
    evil.scenario.description = '<script>alert(1)</script>';
    evil.cells[0]!.target = 'mono"><img src=x onerror=alert(1)>';
    evil.cells[0]!.error = { code: 'X', message: '<b>boom</b>' };
    evil.cells[0]!.generatorBound = true;
    evil.cells[0]!.generatorNotes = ['<i>lag</i>'];
    const out = renderHtmlReport(evil);
    expect(markup(out)).not.toContain('<script>');
    expect(out).not.toContain('<img');
    // in the chart data the name stays data: no "<" can close its script element
    expect(selfContainedProblems(out)).toEqual([]);
    expect(chartData(out).charts[0]!.series[0]!.label).toBe('mono"><img src=x onerror=alert(1)>');
    expect(out).not.toContain('<b>boom');
    expect(out).not.toContain('<i>lag');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders a run without cells or summaries', () => {
    const empty: RunResults = { ...buildSampleResults({ status: 'running' }), cells: [], endedAt: undefined };
    expect(renderHtmlReport(empty)).toContain('Partial run');
    const bare = buildSampleResults();
    for (const c of bare.cells) {
      c.summary = undefined;
      c.intervals = [];
      c.status = 'failed';
    }
    const out = renderHtmlReport(bare);
    expect(out).toContain('no data');
    expect(markup(out)).not.toMatch(/\bundefined\b|\bNaN\b/);
  });
});
