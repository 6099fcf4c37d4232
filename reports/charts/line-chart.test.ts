import { describe, expect, it } from 'vitest';
import { renderLineChart } from './line-chart.ts';
import { formatElapsed, niceTicks, timeTicks } from './scale.ts';

describe('scale', () => {
  it('picks nice ticks that cover the data', () => {
    expect(niceTicks(0, 187)).toEqual([0, 50, 100, 150, 200]);
    expect(niceTicks(0, 1.5)).toEqual([0, 0.5, 1, 1.5]);
    expect(niceTicks(0, 0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 0.034)).toEqual([0, 0.01, 0.02, 0.03, 0.04]);
  });

  it('puts time ticks on round seconds and minutes, the last at or past the end', () => {
    expect(timeTicks(29)).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(timeTicks(30)).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(timeTicks(3599)).toEqual([0, 600, 1200, 1800, 2400, 3000, 3600]);
    expect(formatElapsed(90)).toBe('1m30s');
    expect(formatElapsed(3600)).toBe('1h');
  });
});

describe('renderLineChart', () => {
  const svg = renderLineChart({
    title: 'p95 <latency>',
    unit: 'ms',
    series: [
      {
        name: 'a & b',
        color: '#0072B2',
        points: [
          [0, 10],
          [1, 20],
          [2, null],
          [3, 15],
          [4, 12],
        ],
      },
      {
        name: 'c',
        color: '#D55E00',
        dashed: true,
        points: [
          [0, 5],
          [1, 6],
        ],
      },
    ],
  });

  it('is one escaped svg element with a title, axes and a legend', () => {
    expect(svg.startsWith('<svg class="chart"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('<title>p95 &lt;latency&gt;</title>');
    expect(svg).toContain('>a &amp; b</text>');
    expect(svg).toContain('stroke-dasharray="5 3"');
    expect(svg.match(/class="tick"/g)!.length).toBeGreaterThan(6);
  });

  it('breaks the line where a value is missing and gives each point a tooltip', () => {
    const firstPath = /<path d="([^"]+)"/.exec(svg)![1]!;
    expect(firstPath.match(/M/g)).toHaveLength(2);
    expect(firstPath.match(/L/g)).toHaveLength(2);
    expect(svg).toContain('<title>a &amp; b · 3s · 15 ms</title>');
    expect(svg.match(/<circle/g)).toHaveLength(6);
  });

  it('keeps every point inside the plot', () => {
    for (const m of svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)) {
      expect(Number(m[1])).toBeLessThanOrEqual(640 - 14);
      expect(Number(m[2])).toBeGreaterThan(0);
    }
  });

  it('says "no data" when no series has a value', () => {
    const empty = renderLineChart({
      title: 't',
      unit: 'ms',
      series: [{ name: 'a', color: '#000', points: [[0, null]] }],
    });
    expect(empty).toContain('no data');
    expect(empty).not.toContain('<path');
  });
});
