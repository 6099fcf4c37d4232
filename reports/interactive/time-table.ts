/**
 * The data of the interactive charts: one table per line source (a cell, or
 * the per-second median of a target's trials) — a time column in seconds and
 * named value columns (`rate`, `p99`, `p95:get-item`…), `null` where there is
 * no value (an interval without requests is a gap, not a zero). Charts pick
 * columns of tables; the browser joins tables on time (uPlot.join).
 *
 * Long tables are thinned for the file's size: buckets of consecutive rows
 * keep two rows each, at the bucket's first and middle time, holding every
 * column's lowest and highest value in the order they occurred — a spike or
 * a dip survives (min/max downsampling), and all columns share one time column.
 */
export type Cell = number | null;

export interface TimeTable {
  /** Seconds from the cell's first interval. */
  t: number[];
  cols: Record<string, Cell[]>;
  /** Rows per bucket when the table was thinned (absent: every row). */
  bucket?: number;
}

export function downsampleTable(table: TimeTable, maxRows: number): TimeTable {
  const n = table.t.length;
  if (n <= maxRows) return table;
  const buckets = Math.max(1, Math.floor(maxRows / 2));
  const size = n / buckets;
  const bounds: [number, number][] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * size);
    const to = Math.min(n, Math.floor((b + 1) * size));
    if (to > from) bounds.push([from, to]);
  }
  const t: number[] = [];
  for (const [from, to] of bounds) {
    t.push(table.t[from]!);
    if (to - from > 1) t.push(table.t[(from + to) >> 1]!);
  }
  const cols: Record<string, Cell[]> = {};
  for (const [name, values] of Object.entries(table.cols)) {
    const out: Cell[] = [];
    for (const [from, to] of bounds) out.push(...bucketOf(values, from, to));
    cols[name] = out;
  }
  return { t, cols, bucket: Math.ceil(size) };
}

/** One or two values for rows [from, to): the extremes in time order; a gap keeps the highest, then breaks the line. */
function bucketOf(values: readonly Cell[], from: number, to: number): Cell[] {
  let lo = -1;
  let hi = -1;
  let gap = false;
  for (let i = from; i < to; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      gap = true;
      continue;
    }
    if (lo < 0 || v < values[lo]!) lo = i;
    if (hi < 0 || v > values[hi]!) hi = i;
  }
  if (to - from === 1) return [lo < 0 ? null : values[lo]!];
  if (hi < 0) return [null, null];
  if (gap) return [values[hi]!, null];
  return lo <= hi ? [values[lo]!, values[hi]!] : [values[hi]!, values[lo]!];
}

/** Per-row median of several tables' column, aligned by row (trials of one target). */
export function medianColumn(columns: readonly (readonly Cell[])[]): Cell[] {
  const n = Math.max(0, ...columns.map((c) => c.length));
  const out: Cell[] = [];
  for (let i = 0; i < n; i++) {
    const vals = columns
      .map((c) => c[i])
      .filter((v): v is number => v !== null && v !== undefined)
      .sort((a, b) => a - b);
    const mid = vals.length >> 1;
    out.push(vals.length === 0 ? null : vals.length % 2 ? vals[mid]! : (vals[mid - 1]! + vals[mid]!) / 2);
  }
  return out;
}
