import { describe, expect, it } from 'vitest';
import { linearTrend, tQuantile975 } from './regression.ts';

describe('tQuantile975', () => {
  it('matches the t table', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.706, 3);
    expect(tQuantile975(10)).toBeCloseTo(2.228, 3);
    expect(tQuantile975(20)).toBeCloseTo(2.086, 2);
    expect(tQuantile975(30)).toBeCloseTo(2.042, 2);
    expect(tQuantile975(120)).toBeCloseTo(1.98, 2);
  });
});

describe('linearTrend', () => {
  it('fits an exact line: slope, fitted ends, zero error, significant', () => {
    const t = linearTrend(
      [0, 1, 2, 3, 4].map((x) => ({ x, y: 10 + 2 * x })),
      0,
      10,
    );
    expect(t).toMatchObject({
      slope: 2,
      stdErr: 0,
      ciLow: 2,
      ciHigh: 2,
      r2: 1,
      points: 5,
      significant: true,
    });
    expect(t.start).toBeCloseTo(10);
    expect(t.end).toBeCloseTo(30);
  });

  it('gives the textbook standard error', () => {
    // y = 1, 3, 2, 5, 4 at x = 1..5: slope 0.8, SE = sqrt((3.6/3)/10) ≈ 0.3464.
    const t = linearTrend(
      [1, 3, 2, 5, 4].map((y, i) => ({ x: i + 1, y })),
      1,
      5,
    );
    expect(t.slope).toBeCloseTo(0.8);
    expect(t.stdErr!).toBeCloseTo(0.3464, 4);
    expect(t.ciLow!).toBeCloseTo(0.8 - 3.182 * 0.3464, 3);
    expect(t.significant).toBe(false);
  });

  it('two points or a flat series: no interval, not significant, JSON-safe', () => {
    const two = linearTrend(
      [
        { x: 0, y: 1 },
        { x: 1, y: 2 },
      ],
      0,
      1,
    );
    expect(two).toMatchObject({ slope: 1, stdErr: null, significant: false });
    const flat = linearTrend(
      [0, 1, 2].map((x) => ({ x, y: 5 })),
      0,
      2,
    );
    expect(flat).toMatchObject({ slope: 0, r2: null, significant: false });
    expect(linearTrend([], 0, 1)).toMatchObject({ slope: 0, points: 0, start: 0, end: 0 });
    expect(JSON.parse(JSON.stringify(flat))).toEqual(flat);
  });
});
