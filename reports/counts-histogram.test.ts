import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../model/index.ts';
import { CountsHistogram } from './counts-histogram.ts';

function randomHistogram(seed: number, n: number, scaleUs: number): LatencyHistogram {
  const h = LatencyHistogram.create();
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    h.record(scaleUs * Math.exp(2 * (s / 2 ** 31) - 0.5) + (i % 7));
  }
  return h;
}

describe('CountsHistogram', () => {
  const PS = [0, 1, 25, 50, 90, 95, 99, 99.9, 99.99, 99.999, 100];

  it('decodes stored histograms to the same percentiles as hdr-histogram-js', () => {
    for (const [seed, n, scale] of [
      [1, 1, 800],
      [2, 100, 5_000],
      [3, 5_000, 40_000],
      [4, 300, 2_000_000],
    ] as const) {
      const h = randomHistogram(seed, n, scale);
      const c = new CountsHistogram().addEncoded(h.encode());
      expect(c.count).toBe(h.count);
      for (const p of PS) expect(c.percentile(p), `seed ${seed} p${p}`).toBe(h.percentile(p));
      // several in one walk: the same values
      expect(c.percentiles(PS)).toEqual(PS.map((p) => h.percentile(p)));
    }
  });

  it('merges like hdr-histogram-js, and resets', () => {
    const a = randomHistogram(5, 2_000, 3_000);
    const b = randomHistogram(6, 700, 90_000);
    const ref = LatencyHistogram.create().merge(a).merge(b);
    const part = new CountsHistogram().addEncoded(b.encode());
    const c = new CountsHistogram().addEncoded(a.encode()).merge(part);
    for (const p of PS) expect(c.percentile(p)).toBe(ref.percentile(p));
    c.reset();
    expect(c.count).toBe(0);
    expect(c.percentile(50)).toBe(0);
    expect(c.percentiles([50, 99])).toEqual([0, 0]);
    expect(new CountsHistogram().addEncoded(LatencyHistogram.create().encode()).count).toBe(0);
  });
});
