/**
 * Min/max downsampling of a chart series: long series (an hour at 1 s) keep
 * their spikes and gaps but not thousands of points a 640 px chart cannot
 * show. Each bucket keeps its lowest and highest point in time order; a
 * bucket that holds a gap keeps the gap.
 */
export type Point = readonly [number, number | null];

export function downsample(points: readonly Point[], maxPoints: number): readonly Point[] {
  if (points.length <= maxPoints) return points;
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const size = points.length / buckets;
  const out: Point[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * size);
    const to = Math.min(points.length, Math.floor((b + 1) * size));
    let lo: Point | undefined;
    let hi: Point | undefined;
    let gap = false;
    for (let i = from; i < to; i++) {
      const p = points[i]!;
      if (p[1] === null || !Number.isFinite(p[1])) {
        gap = true;
        continue;
      }
      if (lo === undefined || p[1] < lo[1]!) lo = p;
      if (hi === undefined || p[1] > hi[1]!) hi = p;
    }
    if (lo === undefined || hi === undefined) {
      out.push([points[from]![0], null]);
      continue;
    }
    if (lo === hi) out.push(lo);
    else if (lo[0] <= hi[0]) out.push(lo, hi);
    else out.push(hi, lo);
    if (gap) out.push([points[to - 1]![0], null]);
  }
  return out;
}
