import { describe, expect, it } from 'vitest';
import { buildSyntheticRun } from '../test/helpers/synthetic-run.ts';
import { costMatrix } from './cost-table.ts';
import { renderHtmlReport } from './html-report.ts';

// a slow monolith (5 × its latency) fails p(95)<100; replicated holds its SLO
const run = buildSyntheticRun({
  targets: ['monolith', 'replicated'],
  seconds: 20,
  rate: 60,
  ramping: false,
  latencyFactor: { monolith: 5 },
});

describe('costMatrix', () => {
  it('has a row per cell with its cost, and a tooltip per component', () => {
    const m = costMatrix(run.cells, 1)!;
    expect(m.columns[0]).toBe('CPU s / 1k req');
    expect(m.rows.map((r) => r.label)).toEqual(['monolith', 'replicated']);
    const [mono, repl] = run.cells.map((c) => c.cost!);
    expect(m.rows[0]!.cells[0]!.text).toBe(String(Number(mono!.cpuSecondsPer1kRequests!.toPrecision(3))));
    // replicated runs five instances: more CPU per request than the monolith's two
    expect(repl!.cpuSecondsPer1kRequests!).toBeGreaterThan(mono!.cpuSecondsPer1kRequests!);
    expect(m.rows[1]!.title).toMatch(/app ×2: [\d.]+ CPU s, [\d.]+ cores mean, [\d.]+ MiB peak/);
    expect(m.rows[1]!.title).toMatch(/haproxy: /);
  });

  it('gives requests per core at the SLO only where every threshold held', () => {
    const m = costMatrix(run.cells, 1)!;
    const atSlo = m.rows.map((r) => r.cells[4]!);
    const held = run.cells.map((c) => c.thresholds!.every((t) => t.ok));
    atSlo.forEach((cell, i) => {
      if (held[i]) expect(cell).toMatchObject({ ok: true, text: expect.stringMatching(/^[\d,]+$/) });
      else expect(cell).toEqual({ text: 'SLO failed', ok: false });
    });
    expect(held).toEqual([false, true]);
  });

  it('is absent without cost figures, and shown in the report when present', () => {
    const bare = structuredClone(run);
    for (const c of bare.cells) delete c.cost;
    expect(costMatrix(bare.cells, 1)).toBeNull();
    expect(renderHtmlReport(bare)).not.toContain('<h3>Cost</h3>');
    expect(renderHtmlReport(run)).toMatch(
      /<h3>Cost<\/h3>\n<div class="table-wrap"><table class="matrix cost">/,
    );
  });
});
