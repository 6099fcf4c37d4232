/** Capacity at the SLO and scaling curves for summary.md (after the gate's tables) and the console. */
import type { RunResults } from '../model/index.ts';
import { capacityTables } from './capacity-view.ts';
import { mdCell, mdTable } from './markdown.ts';
import { scalingCurveViews } from './scaling-curve-view.ts';
import { type Paint, paint, textTable } from './text-table.ts';

const COLUMNS = ['capacity', 'knee', 'uncertainty', 'search', 'bottleneck', 'req/s per core at the SLO'];

export function renderCapacityMarkdown(results: RunResults): string {
  const out: string[] = [];
  for (const t of capacityTables(results)) {
    out.push('', `### Capacity — profile \`${mdCell(t.profile)}\``, '');
    if (t.sentence) out.push(`**${mdCell(t.sentence)}**`, '');
    out.push(
      mdTable(
        ['target', ...COLUMNS],
        ['l', 'r', 'r', 'l', 'l', 'l', 'r'],
        t.rows.map((r) => [
          mdCell(r.target),
          r.value === null ? `❌ ${r.capacity}` : `**${r.capacity}**`,
          mdCell(r.knee),
          mdCell(r.uncertainty),
          mdCell(
            r.stop + (r.generatorBound ? ` (⚠️ ${r.generatorBound} generator-bound steps, not counted)` : ''),
          ),
          mdCell(r.bottleneck),
          r.perCore,
        ]),
      ),
      '',
      ...t.rows.flatMap((r) => r.warnings.map((w) => `> ⚠️ ${mdCell(r.target)}: ${mdCell(w)}\n`)),
      t.settings,
      '',
    );
  }
  for (const s of scalingCurveViews(results)) {
    out.push('', `### Scaling — ${mdCell(s.title)}`, '');
    out.push(
      mdTable(
        [s.param, 'target', 'capacity', '± (knee)', 'USL fit'],
        ['l', 'l', 'r', 'r', 'r'],
        s.rows.map((r) => [mdCell(r.value), mdCell(r.target), r.capacity, r.uncertainty, r.fitted]),
      ),
      '',
      `**Universal Scalability Law:** ${mdCell(s.fit)}.${s.reading ? ` ${mdCell(s.reading)}` : ''}`,
      '',
      ...s.notes.map((n) => `> ⚠️ ${mdCell(n)}\n`),
    );
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/** `harness capacity`'s answer on the terminal: per target the capacity ± its uncertainty and the bottleneck. */
export function formatCapacitySummary(results: RunResults, opts: { color?: boolean } = {}): string {
  const p: Paint = paint(opts.color ?? false);
  const out: string[] = [];
  for (const t of capacityTables(results)) {
    out.push(p.bold(`Capacity at the SLO — profile ${t.profile}`));
    out.push(
      textTable(
        [
          ['target', 'capacity', 'knee', 'uncertainty', 'search', 'steps'],
          ...t.rows.map((r) => [
            p.bold(r.target),
            r.value === null ? p.red(r.capacity) : p.green(r.capacity),
            r.knee,
            r.uncertainty,
            r.stop,
            `${r.steps}${r.generatorBound ? p.yellow(` (${r.generatorBound} generator-bound)`) : ''}`,
          ]),
        ],
        ['left', 'right', 'right', 'left', 'left', 'right'],
      ),
    );
    for (const r of t.rows) {
      out.push(`  ${r.target}: bottleneck — ${r.bottleneck}`);
      for (const w of r.warnings) out.push(p.yellow(`  ⚠ ${r.target}: ${w}`));
    }
    if (t.sentence) out.push(t.sentence);
    out.push('');
  }
  for (const s of scalingCurveViews(results)) {
    out.push(p.bold(`Scaling — ${s.title}`));
    out.push(`  ${s.rows.map((r) => `${r.value}: ${r.capacity}`).join(', ')}`);
    out.push(`  USL: ${s.fit}.`);
    if (s.reading) out.push(`  ${s.reading}`);
    for (const n of s.notes) out.push(p.yellow(`  ⚠ ${n}`));
    out.push('');
  }
  return out.join('\n').trimEnd();
}
