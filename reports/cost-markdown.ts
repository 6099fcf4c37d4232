/** The cost of each cell's load, per profile, for summary.md (after the gate's tables). */
import type { RunResults } from '../model/index.ts';
import { runAxes } from './cell-label.ts';
import { costMatrix } from './cost-table.ts';
import { mdCell, mdTable } from './markdown.ts';

export function renderCostMarkdown(results: RunResults): string {
  const { profiles } = runAxes(results);
  const out: string[] = [];
  for (const profile of profiles) {
    const m = costMatrix(
      results.cells.filter((c) => c.profile === profile),
      results.options.trials,
    );
    if (m === null) continue;
    out.push(
      `### Cost — profile \`${mdCell(profile)}\``,
      '',
      mdTable(
        ['target', ...m.columns],
        ['l', ...m.columns.map(() => 'r' as const)],
        m.rows.map((r) => [
          mdCell(r.label),
          ...r.cells.map((c) => (c.ok === false ? `❌ ${mdCell(c.text)}` : mdCell(c.text))),
        ]),
      ),
      '',
    );
  }
  if (out.length > 0)
    out.push(
      'CPU and memory of every instance of the target over the load (not the load generator); memory per 1,000 req/s served. Requests per core at the SLO: only where every threshold held.',
      '',
    );
  return out.join('\n');
}
