import { describe, expect, it } from 'vitest';
import {
  gateSummaryJson,
  renderCompareHtml,
  renderCompareMarkdown,
  renderGateMarkdown,
  renderJUnit,
} from '../../reports/index.ts';
import { buildSyntheticRun } from '../../test/helpers/synthetic-run.ts';
import { parseXml } from '../../test/helpers/xml-wellformed.ts';
import { compareRuns, gate } from './index.ts';

const opts = {
  targets: ['monolith', 'cached'],
  seconds: 20,
  rate: 60,
  ramping: false,
  resources: false,
} as const;
const baseline = buildSyntheticRun({ ...opts, seed: 1 });
const current = buildSyntheticRun({ ...opts, seed: 2, latencyFactor: { monolith: 1.6 } });
current.cells[1]!.thresholds![0] = {
  metric: 'http_req_duration{name:read}',
  expression: 'p(95)<1',
  ok: false,
  actual: 12.5,
  abortOnFail: false,
};
current.cells[1]!.target = 'cached <&> "x"';
baseline.cells[1]!.target = 'cached <&> "x"';
const outcome = gate(current, { baseline, limits: { p95: '+10%', throughput: '-5%' } });

describe('parseXml (the test helper)', () => {
  it('finds the usual mistakes', () => {
    expect(parseXml('<a><b></a></b>').problems.length).toBeGreaterThan(0);
    expect(parseXml('<a x="1" x="2"/>').problems).toEqual(['attribute x twice on <a>']);
    expect(parseXml('<a>1 & 2</a>').problems[0]).toMatch(/stray "&"/);
    expect(parseXml('<a/><b/>').problems).toEqual(['a second root element <b>']);
    expect(parseXml('<?xml version="1.0"?>\n<a t="&lt;"><b/>x &amp; y</a>\n').problems).toEqual([]);
  });
});

describe('JUnit XML', () => {
  const xml = renderJUnit(outcome);
  const { root, problems } = parseXml(xml);

  it('is well-formed, with a testsuite per target × profile and a testcase per threshold and limit', () => {
    expect(problems).toEqual([]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(root!.name).toBe('testsuites');
    const suites = root!.children;
    expect(suites.map((s) => s.name)).toEqual(['testsuite', 'testsuite']);
    expect(suites.map((s) => s.attrs.name)).toEqual(['monolith / load', 'cached <&> "x" / load']);
    for (const s of suites) {
      const cases = s.children.filter((c) => c.name === 'testcase');
      expect(cases).toHaveLength(4);
      expect(Number(s.attrs.tests)).toBe(cases.length);
      expect(Number(s.attrs.failures)).toBe(
        cases.filter((c) => c.children.some((x) => x.name === 'failure')).length,
      );
      for (const c of cases) expect(c.attrs.classname).toMatch(/^harness\.compare-all\./);
    }
    expect(Number(root!.attrs.failures)).toBe(3);
  });

  it('says what failed, with actual and expected', () => {
    const failures = root!.children.flatMap((s) =>
      s.children.flatMap((c) => c.children.filter((x) => x.name === 'failure')),
    );
    expect(failures.map((f) => f.attrs.type).sort()).toEqual(['regression', 'threshold', 'threshold']);
    const threshold = failures.find((f) => f.attrs.message?.includes('{name:read}'))!;
    expect(threshold.attrs.message).toBe('http_req_duration{name:read} p(95)<1 failed: actual 12.5');
    expect(threshold.text).toContain('expected: p(95)<1');
    const regression = failures.find((f) => f.attrs.type === 'regression')!;
    expect(regression.text).toMatch(/actual: [\d.]+ ms → [\d.]+ ms \(\+\d+\.\d %\)/);
  });
});

describe('Markdown and JSON summaries', () => {
  it('Markdown reads as a job summary: verdict heading, a table per profile, collapsed details', () => {
    const md = renderGateMarkdown(outcome);
    expect(md.startsWith('## ❌ Performance gate failed — 2 thresholds failed')).toBe(true);
    expect(md).toContain('### Profile `load`');
    expect(md).toMatch(/\| ❌ \| monolith \| .* 🔴 \+\d+\.\d % \|/);
    expect(md).toContain('cached &lt;&&gt; "x"');
    expect(md).toMatch(/<details>\n<summary>All 8 checks \(3 failed\)<\/summary>/);
    const passing = renderGateMarkdown(gate(buildSyntheticRun({ ...opts, seed: 3 })));
    expect(passing.startsWith('## ✅ Performance gate passed')).toBe(true);
  });

  it('JSON carries the verdict and the checks, not the raw intervals', () => {
    const json = JSON.parse(gateSummaryJson(outcome));
    expect(json).toMatchObject({ schema: 'harness-gate/1', ok: false, exitCode: 3 });
    expect(json.suites[0].metrics.find((m: { metric: string }) => m.metric === 'p95').verdict).toBe('worse');
    expect(JSON.stringify(json)).not.toContain('"intervals":');
    expect(JSON.stringify(json)).not.toContain('"byRequest":');
  });
});

describe('comparison renderers', () => {
  const c = compareRuns(baseline, current);

  it('Markdown lists each target’s metrics with deltas and verdicts', () => {
    const md = renderCompareMarkdown(c);
    expect(md).toMatch(/\*\*🔴 Worse: .*monolith \/ load p95/);
    expect(md).toMatch(/\| monolith \| p95 ms \| [\d.]+ \| [\d.]+ \| \+\d+\.\d % \| 🔴 worse \|/);
  });

  it('HTML is self-contained, coloured by verdict, with baseline and current overlaid', () => {
    const html = renderCompareHtml(c, { now: 0 });
    expect(html).not.toMatch(/<script|<link|https?:\/\/|\bNaN\b|\bundefined\b/);
    expect(html).toContain('class="verdict verdict-worse"');
    expect(html).toContain('cached &lt;&amp;&gt; &#34;x&#34;');
    const figures = html.match(/<figure class="chart-box">/g) ?? [];
    expect(figures).toHaveLength(6);
    expect(html).toMatch(/stroke-dasharray="5 3"><title>baseline<\/title>/);
  });
});
