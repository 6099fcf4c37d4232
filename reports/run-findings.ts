/**
 * The findings of a run in plain lines, for the console summary and the
 * Markdown job summary: each cell's analysis in one sentence, each fault with
 * what it cost, and the faults that could not be applied.
 */
import type { CellResult } from '../model/index.ts';
import { analysisSentence } from './analysis-view.ts';
import { cellFaultFailures } from './cell-faults.ts';
import { cellLabel } from './cell-label.ts';
import { faultImpactView, type ImpactRow } from './fault-impact-table.ts';

export interface Findings {
  analyses: { cell: string; kind: string; sentence: string }[];
  faults: ImpactRow[];
  failures: string[];
}

export function profileFindings(
  cells: readonly CellResult[],
  trials: number,
  targets: readonly string[],
): Findings {
  return {
    analyses: cells.flatMap((c) => {
      const sentence = c.analysis ? analysisSentence(c.analysis) : null;
      return sentence ? [{ cell: cellLabel(c, trials), kind: c.analysis!.kind, sentence }] : [];
    }),
    faults: faultImpactView(cells, trials, targets)?.rows ?? [],
    failures: cells.flatMap((c) =>
      cellFaultFailures(c).map((f) => `${cellLabel(c, trials)}: ${f.label} — ${f.error}`),
    ),
  };
}

/** `errors 0.00% → 18.9% → 0.00%, p99 68 → 208 → 70 ms, detected 1 s, not recovered, availability 81.1%` */
export function impactLine(r: ImpactRow): string {
  return [
    `errors ${r.errors.map((c) => c.text).join(' → ')}`,
    `p99 ${r.p99.map((c) => c.text).join(' → ')} ms`,
    `detected ${r.detect.text}`,
    r.recover.text === 'not recovered' ? 'not recovered' : `recovered ${r.recover.text}`,
    `availability ${r.availability.text}`,
    ...(r.integrity.ok === false ? [`lost / stale ${r.integrity.text}`] : []),
  ].join(', ');
}
