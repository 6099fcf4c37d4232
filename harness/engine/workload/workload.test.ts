import { describe, expect, it } from 'vitest';
import { InvalidInputError, Workload } from '../../../model/index.ts';
import { createAliasPicker } from './alias-table.ts';
import { compileWorkload } from './compile.ts';
import { createKeyGenerator } from './key-generator.ts';
import { createRng } from './rng.ts';

const histogram = (draw: () => number, n: number): Map<number, number> => {
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const v = draw();
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return counts;
};

describe('rng', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});

describe('alias picker', () => {
  it('picks each entry in proportion to its weight', () => {
    const pick = createAliasPicker([1, 3, 6], createRng(7));
    const counts = histogram(pick, 100_000);
    expect(counts.get(0)! / 100_000).toBeCloseTo(0.1, 2);
    expect(counts.get(1)! / 100_000).toBeCloseTo(0.3, 2);
    expect(counts.get(2)! / 100_000).toBeCloseTo(0.6, 2);
  });
});

describe('key generators', () => {
  it('uniform covers [min, max] evenly', () => {
    const key = createKeyGenerator({ dist: 'uniform', min: 11, max: 20 }, 1000, createRng(1));
    const counts = histogram(key, 50_000);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    for (const c of counts.values()) expect(Math.abs(c - 5000)).toBeLessThan(300);
  });

  it('sequential walks the range and wraps around', () => {
    const key = createKeyGenerator({ dist: 'sequential', min: 3, max: 5 }, 1000, createRng(1));
    expect(Array.from({ length: 7 }, key)).toEqual([3, 4, 5, 3, 4, 5, 3]);
  });

  it('defaults the range to [1, dataset.items]', () => {
    const key = createKeyGenerator(undefined, 4, createRng(3));
    expect([...histogram(key, 1000).keys()].sort()).toEqual([1, 2, 3, 4]);
  });

  it('zipfian follows P(k) ∝ 1/k^θ with the lowest key hottest', () => {
    const items = 1000;
    const theta = 0.99;
    const key = createKeyGenerator({ dist: 'zipfian', theta }, items, createRng(99));
    const n = 200_000;
    const counts = histogram(key, n);
    let zetan = 0;
    for (let i = 1; i <= items; i++) zetan += 1 / i ** theta;
    const share = (k: number): number => 1 / k ** theta / zetan;
    // Gray's method is exact for the two hottest keys and an approximation for a few keys after
    // them (key 3 runs ~17% hot, as in YCSB), so the check is on those two, the tail and the CDF.
    for (const k of [1, 2, 10, 50]) {
      expect(Math.abs(counts.get(k)! / n - share(k)) / share(k)).toBeLessThan(0.1);
    }
    let top = 0;
    let expected = 0;
    for (let k = 1; k <= 100; k++) {
      top += counts.get(k) ?? 0;
      expected += share(k);
    }
    expect(Math.abs(top / n - expected)).toBeLessThan(0.03);
    expect(Math.min(...counts.keys())).toBe(1);
    expect(Math.max(...counts.keys())).toBeLessThanOrEqual(items);
  });

  it('latest makes the highest keys hottest', () => {
    const key = createKeyGenerator({ dist: 'latest', min: 1, max: 500 }, 1000, createRng(5));
    const counts = histogram(key, 50_000);
    expect(counts.get(500)!).toBeGreaterThan(counts.get(499)!);
    expect(counts.get(500)!).toBeGreaterThan(50 * ((counts.get(1) ?? 0) + 1));
    expect(Math.max(...counts.keys())).toBe(500);
  });

  it('rejects an empty range with its path', () => {
    expect(() => createKeyGenerator({ dist: 'uniform', min: 10, max: 5 }, 100, createRng(1))).toThrow(
      InvalidInputError,
    );
  });
});

describe('compileWorkload', () => {
  const workload = Workload.parse({
    thinkTime: '250ms',
    mix: [
      { name: 'read', weight: 9, path: '/items/{key}', key: { dist: 'sequential', min: 5 } },
      {
        name: 'write',
        weight: 1,
        method: 'PUT',
        path: '/items/{key}?vu={vu}&iter={iter}',
        body: { id: '{key}', note: 'by {vu}', tags: ['{rand}'], n: 3, nested: { at: '{now}', u: '{uuid}' } },
        ledger: true,
        expectStatus: [201],
      },
    ],
  });
  const compiled = compileWorkload(workload, { items: 10 }, { seed: 1 });

  it('weights the mix', () => {
    const counts = histogram(() => compiled.pick().index, 20_000);
    expect(counts.get(0)! / 20_000).toBeCloseTo(0.9, 1);
    expect(compiled.thinkTimeMs).toBe(250);
  });

  it('fills path placeholders with one key per iteration', () => {
    const read = compiled.requests[0]!;
    const ctx = { key: 0, vu: 1, iter: 0 };
    const paths = Array.from({ length: 7 }, () => {
      read.prepare(ctx);
      return read.path(ctx);
    });
    expect(paths).toEqual([
      '/items/5',
      '/items/6',
      '/items/7',
      '/items/8',
      '/items/9',
      '/items/10',
      '/items/5',
    ]);
  });

  it('fills string values of the JSON body and sets its content type', () => {
    const write = compiled.requests[1]!;
    const ctx = { key: 0, vu: 3, iter: 17 };
    write.prepare(ctx);
    const path = write.path(ctx);
    const body = JSON.parse(String(write.body(ctx)));
    expect(path).toBe(`/items/${ctx.key}?vu=3&iter=17`);
    expect(body.id).toBe(String(ctx.key));
    expect(body.note).toBe('by 3');
    expect(body.tags[0]).toMatch(/^\d+$/);
    expect(body.n).toBe(3);
    expect(Math.abs(Number(body.nested.at) - Date.now())).toBeLessThan(1000);
    expect(body.nested.u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(write.headers).toEqual(['content-type', 'application/json']);
    expect(write.ledger).toBe(true);
    expect(write.expected[201]).toBe(1);
    expect(write.expected[200]).toBe(0);
    expect(compiled.requests[0]!.expected[302]).toBe(1);
    expect(compiled.requests[0]!.expected[404]).toBe(0);
  });

  it('sends a body without placeholders as the same buffer', () => {
    const w = compileWorkload(
      Workload.parse({ mix: [{ name: 'p', method: 'POST', path: '/x', body: { a: 1 } }] }),
      {
        items: 1,
      },
    );
    const ctx = { key: 0, vu: 1, iter: 0 };
    expect(w.requests[0]!.body(ctx)).toBe(w.requests[0]!.body(ctx));
  });

  it('reports every unknown path placeholder with its path', () => {
    const bad = Workload.parse({
      mix: [
        { name: 'a', path: '/items/{id}' },
        { name: 'b', path: '/x/{key}/{user}' },
      ],
    });
    try {
      compileWorkload(bad, { items: 10 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).problems.map((p) => p.path)).toEqual([
        'workload.mix[0].path',
        'workload.mix[1].path',
      ]);
    }
  });
});
