import { describe, expect, it } from 'vitest';
import { scriptJson } from './chart-data.ts';
import { downsampleTable, medianColumn, type TimeTable } from './time-table.ts';

const hour = (pick: (i: number) => number | null): TimeTable => {
  const t = Array.from({ length: 3600 }, (_, i) => i);
  return { t, cols: { v: t.map(pick), flat: t.map(() => 5) } };
};

describe('downsampleTable', () => {
  it('leaves a short table alone', () => {
    const table = { t: [0, 1, 2], cols: { v: [1, null, 3] } };
    expect(downsampleTable(table, 10)).toBe(table);
  });

  it('thins an hour at 1 s to the row budget, keeping a one-second dip and spike', () => {
    const out = downsampleTable(
      hour((i) => (i === 1234 ? 0 : i === 2500 ? 900 : 100)),
      1000,
    );
    expect(out.t.length).toBeLessThanOrEqual(1000);
    expect(out.t.length).toBeGreaterThan(900);
    expect(out.bucket).toBe(8);
    expect(Math.min(...(out.cols.v as number[]))).toBe(0);
    expect(Math.max(...(out.cols.v as number[]))).toBe(900);
    // every column shares the one time column; times stay in order
    for (const c of Object.values(out.cols)) expect(c).toHaveLength(out.t.length);
    expect(out.t.every((x, i) => i === 0 || x > out.t[i - 1]!)).toBe(true);
    expect(new Set(out.cols.flat)).toEqual(new Set([5]));
  });

  it('keeps the order of the extremes within a bucket', () => {
    const rising = downsampleTable({ t: [0, 1, 2, 3], cols: { v: [1, 2, 3, 4] } }, 2);
    expect(rising).toMatchObject({ t: [0, 2], cols: { v: [1, 4] } });
    const falling = downsampleTable({ t: [0, 1, 2, 3], cols: { v: [4, 3, 2, 1] } }, 2);
    expect(falling.cols.v).toEqual([4, 1]);
  });

  it('keeps gaps: a bucket with no value is a gap, one with a gap breaks the line after its highest value', () => {
    // three buckets: rows [0, 2), [2, 5), [5, 8)
    const out = downsampleTable(
      { t: [0, 1, 2, 3, 4, 5, 6, 7], cols: { v: [null, null, 2, null, 1, 2, 3, 4] } },
      6,
    );
    expect(out.t).toEqual([0, 1, 2, 3, 5, 6]);
    expect(out.cols.v).toEqual([null, null, 2, null, 2, 4]);
    expect(downsampleTable({ t: [0, 1, 2, 3], cols: { v: [1, 2, 3, 4] } }, 4).cols.v).toEqual([1, 2, 3, 4]);
  });
});

describe('medianColumn', () => {
  it('takes the per-row median of the values present, aligned by row', () => {
    expect(
      medianColumn([
        [1, 5, null, 7],
        [3, 1, null],
        [2, 9, 4],
      ]),
    ).toEqual([2, 5, 4, 7]);
    expect(
      medianColumn([
        [1, 2],
        [3, 4],
      ]),
    ).toEqual([2, 3]);
    expect(medianColumn([])).toEqual([]);
  });
});

describe('scriptJson', () => {
  it('cannot close its script element or break out of it', () => {
    const json = scriptJson({ label: '</script><script>alert(1)</script>', sep: '\u2028' });
    expect(json).not.toMatch(/<\/?script/i);
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ label: '</script><script>alert(1)</script>', sep: '\u2028' });
  });
});
