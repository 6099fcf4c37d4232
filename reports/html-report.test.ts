import { describe, expect, it } from 'vitest';
import type { RunResults } from '../model/index.ts';
import { buildSampleResults } from '../test/helpers/sample-results.ts';
import { renderHtmlReport } from './html-report.ts';

const sample = buildSampleResults();
const html = renderHtmlReport(sample, { now: Date.UTC(2025, 2, 14, 10) });

function section(source: string, open: RegExp, close: string): string {
  const start = source.search(open);
  expect(start).toBeGreaterThanOrEqual(0);
  return source.slice(start, source.indexOf(close, start) + close.length);
}

describe('renderHtmlReport', () => {
  it('is one self-contained document: no scripts, stylesheets, fonts or network references', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?!#)[^"'\s>]/i);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|@font-face|url\(/i);
    expect(html).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]/);
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

  it('draws one SVG per chart: throughput, latency, error rate, VUs and the latency distribution', () => {
    const figures = html.match(/<figure class="chart-box">[\s\S]*?<\/figure>/g) ?? [];
    expect(figures).toHaveLength(5);
    for (const f of figures) expect(f).toMatch(/<svg class="chart"[\s\S]*<path d="M/);
    expect(figures.map((f) => /<figcaption>([^<]*)</.exec(f)?.[1])).toEqual([
      'Throughput',
      'Latency p95 (solid) and p99 (dashed)',
      'Error rate',
      'Virtual users',
      'Latency distribution (HDR percentiles)',
    ]);
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
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
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
    expect(out).not.toMatch(/\bundefined\b|\bNaN\b/);
  });
});
