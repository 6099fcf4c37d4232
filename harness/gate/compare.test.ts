import { describe, expect, it } from 'vitest';
import { buildSyntheticRun } from '../../test/helpers/synthetic-run.ts';
import { compareRuns } from './compare.ts';

const run = (seed: number, extra: Parameters<typeof buildSyntheticRun>[0] = {}) =>
  buildSyntheticRun({
    targets: ['monolith', 'cached'],
    seconds: 30,
    rate: 80,
    faults: false,
    ramping: false,
    resources: false,
    seed,
    ...extra,
  });

const verdicts = (c: ReturnType<typeof compareRuns>, target = 'monolith') =>
  Object.fromEntries(c.groups.find((g) => g.target === target)!.metrics.map((m) => [m.metric, m.verdict]));

describe('compareRuns', () => {
  it('matches cells by target and profile and names the ones without a partner', () => {
    const c = compareRuns(run(1), run(2, { targets: ['monolith', 'queued'] }));
    expect(c.groups.map((g) => `${g.target}/${g.profile}`)).toEqual(['monolith/load']);
    expect(c.onlyInBaseline).toEqual(['cached / load']);
    expect(c.onlyInCurrent).toEqual(['queued / load']);
  });

  it('one trial a side: a clear +50 % latency regression is worse, over per-second samples', () => {
    const c = compareRuns(run(1), run(2, { latencyFactor: { monolith: 1.5 } }));
    const g = c.groups.find((x) => x.target === 'monolith')!;
    expect(g.method).toBe('intervals');
    const p95 = g.metrics.find((m) => m.metric === 'p95')!;
    expect(p95.verdict).toBe('worse');
    expect(p95.deltaPct!).toBeGreaterThan(0.3);
    expect(p95.samples).toEqual([30, 30]);
    expect(p95.pValue!).toBeLessThan(0.001);
    expect(verdicts(c, 'cached').p95).not.toBe('worse');
  });

  it('two samples of the same distribution are never worse (nor better), over 20 pairs of runs', () => {
    for (let i = 0; i < 20; i++) {
      const c = compareRuns(
        run(1000 + i * 7919, { targets: ['monolith'] }),
        run(5000 + i * 104729, { targets: ['monolith'] }),
      );
      for (const m of c.groups[0]!.metrics)
        expect(['no-change', 'inconclusive'], `pair ${i} ${m.metric}`).toContain(m.verdict);
    }
  });

  it('a move inside the tolerance is no-change even when the test finds it', () => {
    const c = compareRuns(
      run(1, { sigma: 0.05 }),
      run(2, { sigma: 0.05, latencyFactor: { monolith: 1.05 } }),
    );
    const p50 = c.groups[0]!.metrics.find((m) => m.metric === 'p50')!;
    expect(p50.verdict).toBe('no-change');
    expect(p50.pValue!).toBeLessThan(0.05);
  });

  it('three trials a side: per-trial samples; throughput down 20 % is worse, latency up is worse', () => {
    const c = compareRuns(
      run(1, { trials: 3 }),
      run(2, { trials: 3, latencyFactor: { monolith: 1.5 }, rateFactor: { monolith: 0.8 } }),
    );
    const g = c.groups.find((x) => x.target === 'monolith')!;
    expect(g.method).toBe('trials');
    expect(verdicts(c)).toMatchObject({ throughput: 'worse', p95: 'worse', p50: 'worse' });
    expect(g.metrics[0]!.samples).toEqual([3, 3]);
    expect(verdicts(c, 'cached').p95).not.toBe('worse');
  });

  it('an improvement is better', () => {
    const c = compareRuns(run(1), run(2, { latencyFactor: { monolith: 0.5 } }));
    expect(verdicts(c).p95).toBe('better');
  });

  it('warns when the runs are not comparable', () => {
    const b = run(1);
    const cur = run(2);
    cur.options.durationScale = 0.1;
    cur.environment.cpus = 16;
    expect(compareRuns(b, cur).warnings.join('\n')).toMatch(/duration-scale[\s\S]*different machines/);
  });
});
