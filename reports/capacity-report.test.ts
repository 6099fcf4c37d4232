/**
 * The capacity of each target in the reports: the first-screen table and the
 * comparison in words, the latency-vs-rate curves with the knee marked, every
 * step in the profile's analysis, the scaling curve with its USL fit, and the
 * same in summary.md and on the terminal.
 */
import { describe, expect, it } from 'vitest';
import { buildCapacityRun } from '../test/helpers/capacity-results.ts';
import { formatCapacitySummary, renderCapacityMarkdown } from './capacity-markdown.ts';
import { capacityTables } from './capacity-view.ts';
import { renderHtmlReport } from './html-report.ts';

const results = buildCapacityRun();

describe('capacity in the reports', () => {
  it('tables each target’s capacity with its knee, and says which holds more', () => {
    const [table] = capacityTables(results);
    const byTarget = Object.fromEntries(table!.rows.map((r) => [r.target, r]));
    // knees of the queue model: p99 = 4 / (1 − r/mu) < 50  ⇔  r < 0.92 mu
    expect(byTarget.monolith!.value! / 736).toBeGreaterThan(0.93);
    expect(byTarget.monolith!.value!).toBeLessThanOrEqual(736);
    expect(byTarget.cached!.value!).toBeGreaterThan(byTarget.monolith!.value!);
    expect(byTarget.monolith!.knee).toMatch(/^\d{3} – \d{3}\/s$/);
    expect(byTarget.monolith!.bottleneck).toMatch(
      /^app-0 \(service\) used 0\.9\d cores of the 1 core it can use/,
    );
    expect(table!.sentence).toMatch(
      /^cached holds the highest rate at the SLO: .*2\.\d× monolith's \(1,800 vs/,
    );
  });

  it('report.html: the capacity table on the first screen, curves with the knee, steps, the USL fit', () => {
    const html = renderHtmlReport(results, { now: Date.UTC(2026, 11, 1) });
    const capacity = html.indexOf('<section id="capacity"');
    expect(capacity).toBeGreaterThan(0);
    expect(capacity).toBeLessThan(html.indexOf('<section class="profile"'));
    expect(html).toContain('<a href="#capacity">capacity</a>');
    expect(html).toMatch(/<table class="capacity-table">[\s\S]*monolith[\s\S]*cached[\s\S]*<\/table>/);
    // the latency-vs-rate curve: log-scaled ms, each target's capacity dashed, its knee shaded
    expect(html).toContain('Latency against offered rate (p99 solid, p50 dashed; log scale)');
    const few = renderHtmlReport(buildCapacityRun({ sweep: false }));
    const monolith = capacityTables(results)[0]!.rows[0]!;
    expect(few).toContain(`>monolith ${monolith.capacity}<`);
    expect(few).toMatch(
      /<g class="band"><rect [^>]*><title>monolith: held \d+\/s, failed \d+\/s<\/title><\/rect><text [^>]*>knee<\/text><\/g>/,
    );
    expect(html).toContain('>SLO p(99)&lt;50<');
    // every step of each search, the capacity step marked
    expect(html).toMatch(/<span class="kind">capacity<\/span>/);
    expect(html).toContain('✓ held — capacity');
    // the swept target: capacity per N and the fit
    expect(html).toContain('replicated: capacity against apps (profile capacity)');
    expect(html).toMatch(
      /Universal Scalability Law:<\/strong> σ = 0\.\d{3} \(contention\), κ = [\d.e-]+ \(crosstalk\)/,
    );
    expect(html).toContain('USL fit');
  });

  it('summary.md and the terminal give the same capacities and fit', () => {
    const md = renderCapacityMarkdown(results);
    expect(md).toMatch(/^\n### Capacity — profile `capacity`/);
    expect(md).toMatch(/\| monolith \| \*\*\d{3}\/s\*\* \|/);
    expect(md).toMatch(/### Scaling — replicated: capacity against apps/);
    expect(md).toMatch(/\| apps=2 \| replicated\[apps=2\] \| [\d,]+\/s \|/);
    const text = formatCapacitySummary(results);
    expect(text).toMatch(/Capacity at the SLO — profile capacity/);
    expect(text).toMatch(/monolith: bottleneck — app-0 \(service\)/);
    expect(text).toMatch(/USL: σ = /);
  });

  it('warns beside the table when the machine was shared during a search', () => {
    const shared = buildCapacityRun({ sweep: false });
    const note =
      'the machine was shared: other processes used 0.80 of its 2 cores on average over the steps (up to 1.10)';
    shared.cells[0]!.capacity!.notes.push(note);
    expect(renderHtmlReport(shared)).toContain(`⚠ monolith: ${note}`);
    expect(renderCapacityMarkdown(shared)).toContain(`> ⚠️ monolith: ${note}`);
    expect(formatCapacitySummary(shared)).toContain(`⚠ monolith: ${note}`);
  });

  it('says so when a target met the SLO at no rate, and renders nothing for a run without searches', () => {
    const none = buildCapacityRun({ sweep: false });
    const c = none.cells[0]!.capacity!;
    none.cells[0]!.capacity = {
      ...c,
      capacity: null,
      searches: c.searches.map((s) => ({
        ...s,
        capacity: null,
        bracket: { lower: null, upper: 100, halfWidth: null },
      })),
    };
    const [table] = capacityTables(none);
    expect(table!.rows[0]).toMatchObject({ capacity: 'none', knee: 'below 100/s' });
    expect(table!.sentence).toMatch(/monolith: no rate met the SLO\./);
    expect(renderCapacityMarkdown({ ...none, cells: [] })).toBe('');
  });
});
