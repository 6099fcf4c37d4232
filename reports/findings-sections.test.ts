import { describe, expect, it } from 'vitest';
import type { StressAnalysis } from '../model/index.ts';
import { selfContainedProblems } from '../test/helpers/self-contained.ts';
import { buildSyntheticRun } from '../test/helpers/synthetic-run.ts';
import { formatConsoleSummary } from './console-summary.ts';
import { fmtMs, fmtPct } from './format.ts';
import { renderHtmlReport } from './html-report.ts';
import { renderFindingsMarkdown } from './run-findings-markdown.ts';

// Five architectures, the fault schedule with impacts from faultImpact, the load analysis and a stress profile from analyzeCell.
const run = buildSyntheticRun({ seconds: 20, rate: 60, stress: true });
const html = renderHtmlReport(run, { now: Date.UTC(2025, 2, 14, 10) });
const cell = (target: string, profile = 'load') =>
  run.cells.find((c) => c.target === target && c.profile === profile)!;

function section(source: string, open: RegExp, close: string, from = 0): string {
  const start = source.slice(from).search(open);
  expect(start).toBeGreaterThanOrEqual(0);
  const at = from + start;
  return source.slice(at, source.indexOf(close, at) + close.length);
}
const rowOf = (table: string, ...texts: string[]) =>
  (table.match(/<tr[\s\S]*?<\/tr>/g) ?? []).find((r) => texts.every((t) => r.includes(t)));
const cellsOf = (row: string) => [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);

describe('report sections from faults, analysis and target metrics', () => {
  it('stays self-contained', () => {
    expect(selfContainedProblems(html)).toEqual([]);
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
    expect(markup).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]|Infinity/);
  });

  it('lists every applied fault with the figures of its impact, and marks the worst', () => {
    const table = section(html, /<table class="impact">/, '</table>');
    expect(table.match(/<tr[^>]*><th scope="row">/g)).toHaveLength(5 * 2);
    const mono = cell('monolith');
    const [latency, kill] = mono.faults!;
    const row = rowOf(table, 'monolith', latency!.label)!;
    const tds = cellsOf(row);
    // fault, at, for, errors ×3, p99 ×3, detected, recovered, availability, lost / stale
    expect(tds.slice(0, 3)).toEqual(['latency app→postgres', '7 s', '3 s']);
    expect(tds.slice(3, 6)).toEqual(
      [latency!.impact!.before, latency!.impact!.during, latency!.impact!.after].map((w) =>
        fmtPct(w?.errorRate),
      ),
    );
    expect(tds.slice(6, 9)).toEqual(
      [latency!.impact!.before, latency!.impact!.during, latency!.impact!.after].map((w) => fmtMs(w?.p99)),
    );
    expect(tds.at(-1)).toBe('3 / 0');
    const killRow = rowOf(table, 'monolith', kill!.label)!;
    expect(kill!.impact!.recoveryMs).toBeNull();
    expect(killRow).toMatch(/<td class="num worst bad">not recovered<\/td>/);
    expect(killRow).toContain(`>${fmtPct(kill!.impact!.during!.errorRate)}<`);
    // The worst availability of the profile is marked, and only once.
    expect(
      table.match(/class="num worst">\d+\.\d+%<\/td><td class="num[^"]*">\d+ \/ \d+/g)?.length,
    ).toBeGreaterThanOrEqual(1);
    const box = section(html, /<div class="banner banner-warn banner-faults"/, '</div>');
    expect(box).toContain('1 fault could not be applied');
    expect(box).toContain('queued: partition *→nats — nats has no proxied edge');
  });

  it('shades the fault windows with the records’ labels', () => {
    expect(html).toMatch(
      /<span title="latency on app→postgres: 7 s → 10 s \(monolith, cached, sharded, queued\)">latency app→postgres<\/span>/,
    );
    expect(html).toContain('>kill app-0</span>');
  });

  it('spells out the stress breaking point and its failure mode, with a row per step', () => {
    const a = cell('monolith', 'stress').analysis as StressAnalysis;
    expect(a.kind).toBe('stress');
    const sentence = `held ${a.breakingPoint!.offeredRate}/s; at ${a.failure!.offeredRate}/s p95 rose to ${fmtMs(a.failure!.p95)} ms (latency)`;
    expect(html).toContain(sentence);
    expect(html).toMatch(
      /sharded<\/strong> <span class="kind">stress<\/span> <span class="sentence">held \d+\/s; at \d+\/s the error rate rose to [\d.]+% \(errors\)/,
    );
    expect(html).toMatch(
      /replicated<\/strong> <span class="kind">stress<\/span> <span class="sentence">held \d+\/s; at \d+\/s only \d+\/s got through, [\d.]+% of offered \(throughput\)/,
    );
    expect(html).toContain('held every step, up to 180/s');
    const steps = section(html, /<caption>Steps<\/caption>/, '</table>');
    expect(steps.match(/<tr[^>]*><th scope="row">step \d/g)).toHaveLength(a.steps.length);
    expect(steps).toContain('✓ held — breaking point');
    expect(steps).toContain('✗ latency');
  });

  it('gives the load profile its reference figures and SLO verdict', () => {
    expect(cell('cached').analysis?.kind).toBe('load');
    expect(html).toMatch(
      /cached<\/strong> <span class="kind">load<\/span> <span class="sentence">hold phase: 60\/s at p95 [\d.]+ ms, p99 [\d.]+ ms, errors [\d.]+%; SLO met \(2 thresholds\)/,
    );
  });

  it('shows inside the targets why each architecture behaves as it does', () => {
    const table = section(html, /<table class="matrix inside">/, '</table>');
    const head = [...section(table, /<thead>/, '</thead>').matchAll(/<th class="num">([^<]*)</g)].map(
      (m) => m[1],
    );
    expect(head).toEqual(['monolith', 'cached', 'replicated', 'sharded', 'queued']);
    const row = (label: string) => cellsOf(rowOf(table, `>${label}</th>`)!);
    expect(row('cache hit ratio')).toEqual(['–', '87.0%', '–', '–', '–']);
    expect(row('└ reads from replica-0')[2]).toMatch(/^\d+ \(4\d\.\d+%\)$/);
    expect(row('└ writes to shard 1')[3]).toMatch(/^\d+ \(5\d\.\d+%\)$/);
    expect(row('queue end-to-end mean')).toEqual(['–', '–', '–', '–', '18.3 ms']);
    expect(row('replica fallbacks')[2]).toBe('27');
    expect(row('bulkhead rejections')[0]).toBe('140');
    expect(table).not.toContain('stress');
  });

  it('puts the same findings in the console and Markdown summaries', () => {
    const text = formatConsoleSummary(run);
    expect(text).toMatch(/stress\s+monolith held \d+\/s; at \d+\/s p95 rose to/);
    expect(text).toMatch(/kill app-0\s+monolith\s+12 s\s+2 s\s+[\d.]+%\s+[\d.]+ ms\s+\d+ s\s+not recovered/);
    expect(text).toContain('⚠ fault not applied: queued: partition *→nats');
    const md = renderFindingsMarkdown(run);
    expect(md).toContain('### Findings — profile `load`');
    expect(md).toMatch(/\| monolith \| kill app-0 \| 12 s \| 2 s \| .* \| \*\*not recovered\*\* 🔴 \|/);
    expect(md).toContain('- **sharded** (stress): held');
    expect(renderFindingsMarkdown(buildSyntheticRun({ faults: false, ramping: false, seconds: 5 }))).toBe('');
  });
});
