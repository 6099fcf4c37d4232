/**
 * The cost table of one profile: what each cell's load cost its target, from
 * `cells[].cost` (harness/analysis/cost.ts) — CPU-seconds per 1,000 requests,
 * cores, requests per core (and at the SLO), memory and memory per 1,000
 * req/s. The row's tooltip splits CPU and memory by component.
 */
import type { CellResult } from '../model/index.ts';
import { cellLabel } from './cell-label.ts';
import { DASH, fmtBytes, fmtInt } from './format.ts';
import type { MatrixView } from './profile-tables.ts';

export const COST_COLUMNS = [
  'CPU s / 1k req',
  'mean cores',
  'peak cores',
  'req/s per core',
  'at the SLO',
  'mean RSS',
  'peak RSS',
  'peak RSS / 1k req/s',
];

export function costMatrix(cells: readonly CellResult[], trials: number): MatrixView | null {
  const rows = cells.flatMap((c): MatrixView['rows'] => {
    const k = c.cost;
    if (!k) return [];
    const parts = Object.entries(k.byComponent).map(
      ([name, x]) =>
        `${name}${x.instances > 1 ? ` ×${x.instances}` : ''}: ${num(x.cpuSeconds)} CPU s, ${num(x.meanCores)} cores mean, ${fmtBytes(x.peakRssBytes)} peak`,
    );
    return [
      {
        label: cellLabel(c, trials),
        title: `over ${num(k.windowS)} s of load, ${fmtInt(k.requests)} requests — ${parts.join('; ')}`,
        cells: [
          { text: num(k.cpuSecondsPer1kRequests) },
          { text: num(k.meanCores) },
          { text: num(k.peakCores) },
          { text: k.requestsPerCore === null ? DASH : fmtInt(k.requestsPerCore) },
          k.sloMet === null
            ? { text: 'no SLO' }
            : k.requestsPerCoreAtSlo === null
              ? { text: 'SLO failed', ok: false }
              : { text: fmtInt(k.requestsPerCoreAtSlo), ok: true },
          { text: fmtBytes(k.meanRssBytes) },
          { text: fmtBytes(k.peakRssBytes) },
          { text: fmtBytes(k.peakRssBytesPer1kRps) },
        ],
      },
    ];
  });
  return rows.length === 0 ? null : { columns: COST_COLUMNS, rows };
}

/** 3 significant digits: `0.0123`, `1.85`, `42.1`, `1,204`. */
function num(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return DASH;
  if (v === 0) return '0';
  if (Math.abs(v) >= 1000) return fmtInt(v);
  return String(Number(v.toPrecision(3)));
}
