/**
 * The run's findings for the Markdown job summary, after the gate: per
 * profile, each cell's analysis in one sentence and a table of what each
 * fault cost. Empty when the run has neither.
 */
import type { RunResults } from '../model/index.ts';
import { runAxes } from './cell-label.ts';
import { mdCell, mdTable } from './markdown.ts';
import { profileFindings } from './run-findings.ts';

export function renderFindingsMarkdown(results: RunResults): string {
  const { profiles, targets } = runAxes(results);
  const out: string[] = [];
  for (const profile of profiles) {
    const cells = results.cells.filter((c) => c.profile === profile);
    const f = profileFindings(cells, results.options.trials, targets);
    if (f.analyses.length + f.faults.length + f.failures.length === 0) continue;
    out.push(`### Findings — profile \`${mdCell(profile)}\``, '');
    for (const a of f.analyses) out.push(`- **${mdCell(a.cell)}** (${a.kind}): ${mdCell(a.sentence)}`);
    if (f.analyses.length) out.push('');
    if (f.faults.length) {
      const worst = (c: { text: string; worst?: boolean; ok?: boolean }) =>
        c.worst || c.ok === false ? `**${mdCell(c.text)}** 🔴` : mdCell(c.text);
      out.push(
        mdTable(
          [
            'target',
            'fault',
            'at',
            'for',
            'errors before → during → after',
            'p99 ms before → during → after',
            'detected',
            'recovered',
            'availability',
            'lost / stale',
          ],
          ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
          f.faults.map((r) => [
            mdCell(r.cell),
            mdCell(r.fault),
            r.at,
            mdCell(r.duration),
            r.errors.map(worst).join(' → '),
            r.p99.map(worst).join(' → '),
            mdCell(r.detect.text),
            worst(r.recover),
            worst(r.availability),
            worst(r.integrity),
          ]),
        ),
        '',
      );
    }
    for (const line of f.failures) out.push(`> ⚠️ fault not applied: ${mdCell(line)}`, '');
  }
  return out.join('\n');
}
