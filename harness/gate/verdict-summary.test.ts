import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  renderHtmlReport,
  renderVerdictMarkdown,
  sentenceText,
  verdictSummary,
} from '../../reports/index.ts';
import { buildSyntheticRun } from '../../test/helpers/synthetic-run.ts';
import { writeReports } from '../run/write-reports.ts';
import { targetVerdicts } from './index.ts';

const run = (extra: Parameters<typeof buildSyntheticRun>[0] = {}) =>
  buildSyntheticRun({
    targets: ['monolith', 'cached'],
    seconds: 20,
    rate: 60,
    ramping: false,
    faults: false,
    ...extra,
  });

describe('verdictSummary', () => {
  it('says what won, by how much and whether beyond noise, then every target against the reference', () => {
    // monolith's median latency 24 ms, cached's 6 ms; one trial: per-second test
    const s = verdictSummary(targetVerdicts(run({ seed: 4 })))!;
    expect(s.headlines).toHaveLength(1);
    expect(s.headlines[0]).toMatch(/^cached won on latency: p95 −\d\d\.\d % vs monolith, beyond noise\.$/);
    const [sentence] = s.sentences;
    expect(sentence!.moved.map((p) => `${p.metric} ${p.judgement}`).slice(0, 3)).toEqual([
      'p95 significant',
      'p99 significant',
      'p50 significant',
    ]);
    expect(sentence!.moved[0]!.tone).toBe('better');
    expect(sentence!.unchanged).toContain('throughput');
    expect(sentenceText(sentence!)).toMatch(
      /^cached vs monolith: p95 −\d\d\.\d % \(significant\), p99 −\d\d\.\d % \(significant\), p50 .*no change in throughput.*; CPU per 1,000 requests [+−]\d+\.\d %, requests per core [+−]\d+\.\d %, peak memory [+−]\d+\.\d %\.$/,
    );
    // one trial: said plainly what the test covers
    expect(s.method).toMatch(/per-second figures \(α = 0\.01\).*not between runs.*`trials: 3`/);
    expect(s.tables[0]!.rows[0]!.cells.map((c) => c.metric)).toEqual([
      'p95',
      'p99',
      'p50',
      'throughput',
      'errors',
    ]);
  });

  it('with 3 trials a side, the test is over trials', () => {
    const s = verdictSummary(targetVerdicts(run({ seed: 4, trials: 3 })))!;
    expect(s.method).toMatch(
      /^Significant: Mann–Whitney over the per-trial figures \(3 vs 3 trials, α = 0\.05\)/,
    );
    expect(s.sentences[0]!.moved[0]).toMatchObject({ metric: 'p95', judgement: 'significant' });
  });

  it('says so when the reference itself was fastest, and when a difference is within noise', () => {
    const slower = verdictSummary(targetVerdicts(run({ seed: 4, latencyFactor: { cached: 8 } })))!;
    expect(slower.headlines[0]).toBe(
      'monolith (the reference) had the lowest p95, every other target higher beyond noise.',
    );
    expect(slower.sentences[0]!.moved[0]).toMatchObject({
      metric: 'p95',
      tone: 'worse',
      judgement: 'significant',
    });

    const same = verdictSummary(
      targetVerdicts(
        run({ seed: 4, trials: 3, targets: ['monolith', 'sharded'], latencyFactor: { sharded: 24 / 15 } }),
      ),
    )!;
    expect(same.headlines[0]).toMatch(
      /^(monolith \(the reference\)|sharded) had the lowest p95.*but not beyond noise\.$/,
    );
  });

  it('has nothing to say with one target', () => {
    expect(verdictSummary(targetVerdicts(run({ targets: ['monolith'] })))).toBeNull();
  });
});

describe('the verdict in report.html and summary.md', () => {
  it('is the first section of report.html', () => {
    const html = renderHtmlReport(run({ seed: 4 }), { verdicts: targetVerdicts(run({ seed: 4 })) });
    const first = /<section[^>]*>[\s\S]*?<\/section>/.exec(html)![0];
    expect(first).toMatch(/^<section id="verdict"/);
    expect(first).toMatch(
      /<strong class="headline">cached won on latency: p95 −\d\d\.\d % vs monolith, beyond noise\.<\/strong>/,
    );
    expect(first).toMatch(
      /<span class="tone tone-better" title="[^"]*ms → [^"]*ms: beyond noise[^"]*">p95 −\d\d\.\d % \(significant\)<\/span>/,
    );
    expect(first).toContain('<caption>Profile load: against monolith</caption>');
    // without verdicts, no section
    expect(renderHtmlReport(run({ seed: 4 }))).not.toContain('id="verdict"');
  });

  it('heads summary.md, under the gate`s heading and above its tables', async () => {
    const results = run({ seed: 4 });
    const dir = await mkdtemp(join(tmpdir(), 'harness-verdict-'));
    try {
      await writeReports(dir, results, ['markdown'], { verdicts: targetVerdicts(results) });
      const md = await readFile(join(dir, 'summary.md'), 'utf8');
      const verdict = md.indexOf('**Verdict: cached won on latency');
      expect(verdict).toBeGreaterThan(md.indexOf('## '));
      expect(verdict).toBeLessThan(md.indexOf('### Profile'));
      expect(md).toMatch(/\*\*cached\*\* vs monolith: p95 −\d\d\.\d % \(significant\)/);
      expect(md).toContain('<sub>Significant: Mann–Whitney over the per-second figures');
      expect(md).toMatch(/### Cost — profile `load`\n\n\| target \| CPU s \/ 1k req/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('renders nothing for a run with one target', () => {
    expect(renderVerdictMarkdown(targetVerdicts(run({ targets: ['monolith'] })))).toBe('');
  });
});
