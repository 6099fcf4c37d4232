/**
 * Fault windows as shaded bands, in seconds from each cell's first interval.
 * Cells of one profile usually share a fault schedule: the same fault at
 * (nearly) the same offset is drawn once. A fault never reverted runs to the
 * end of its cell.
 */
import type { CellResult } from '../model/index.ts';
import { cellDigest } from './cell-digest.ts';
import { cellFaults, faultName } from './cell-faults.ts';
import type { ChartBand } from './charts/line-chart.ts';

/** Offsets closer than this are the same band. */
const SAME_S = 1;

export function faultBands(cells: readonly CellResult[], trials: number): ChartBand[] {
  const bands: (ChartBand & { key: string; who: string[] })[] = [];
  for (const cell of cells) {
    const { t0, span } = cellDigest(cell);
    if (t0 === undefined) continue;
    for (const f of cellFaults(cell)) {
      const from = (f.appliedAt - t0) / 1000;
      const to = f.revertedAt === undefined ? span : (f.revertedAt - t0) / 1000;
      const name = faultName(f);
      const key = `${f.kind}\u0000${f.target}\u0000${name}`;
      const who = trials > 1 ? `${cell.target} #${cell.trial}` : cell.target;
      const same = bands.find(
        (b) => b.key === key && Math.abs(b.from - from) < SAME_S && Math.abs(b.to - to) < SAME_S,
      );
      if (same) {
        same.who.push(who);
        continue;
      }
      bands.push({
        key,
        who: [who],
        from,
        to: Math.max(to, from),
        label: name,
        title: `${name === `${f.kind} ${f.target}` ? `${f.kind} on ${f.target}` : `${name} (${f.kind} on ${f.target})`}: ${fmtS(from)} → ${f.revertedAt === undefined ? 'not reverted' : fmtS(to)}`,
      });
    }
  }
  return bands.map(({ key: _k, who, ...b }) => ({ ...b, title: `${b.title} (${who.join(', ')})` }));
}

function fmtS(s: number): string {
  return `${Number(s.toFixed(1))} s`;
}
