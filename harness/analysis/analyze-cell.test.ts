import { describe, expect, it } from 'vitest';
import { analyzeCell } from './analyze-cell.ts';
import { rssSeries, series } from './series.test-kit.ts';

const steady = (seconds: number, rate = 10) =>
  series(seconds, () => ({ requests: rate, fromMs: 5, toMs: 20 }));
const slo = { http_req_duration: ['p(95)<100'] };

describe('analyzeCell', () => {
  it('returns undefined for a raw executor and for a cell without intervals', () => {
    expect(
      analyzeCell({ executor: 'constant-vus', vus: 1, duration: '10s' }, steady(10), slo),
    ).toBeUndefined();
    expect(analyzeCell({ preset: 'baseline' }, [], slo)).toBeUndefined();
  });

  it('picks the analysis by preset, applying the preset defaults', () => {
    expect(analyzeCell({ preset: 'baseline', duration: '5s' }, steady(5, 20), slo)?.kind).toBe('baseline');
    expect(
      analyzeCell({ preset: 'load', rate: 10, rampUp: '0s', hold: '5s', rampDown: '0s' }, steady(5), slo)
        ?.kind,
    ).toBe('load');
    expect(
      analyzeCell(
        { preset: 'stress', startRate: 10, step: 10, maxRate: 20, stepDuration: '3s' },
        steady(6),
        slo,
      )?.kind,
    ).toBe('stress');
    expect(
      analyzeCell(
        { preset: 'spike', rate: 10, factor: 2, before: '3s', spike: '2s', after: '5s' },
        steady(10),
        slo,
      )?.kind,
    ).toBe('spike');
    const endurance = analyzeCell({ preset: 'endurance', rate: 10, duration: '1m' }, steady(60), slo, {
      'app-0': rssSeries(60, 1000, () => 100),
    });
    expect(endurance?.kind).toBe('endurance');
    if (endurance?.kind === 'endurance') expect(endurance.memory).toHaveLength(1);
  });

  it('honours an explicit profile start', () => {
    const a = analyzeCell({ preset: 'baseline', duration: '5s' }, steady(5, 20), slo, undefined, {
      startMs: steady(1)[0]!.ts - 3000,
    });
    expect(a?.kind === 'baseline' && a.figures.intervals).toBe(2);
  });

  it('is JSON-safe even for a cell whose windows are empty', () => {
    const a = analyzeCell(
      { preset: 'spike', rate: 10, factor: 2, before: '3s', spike: '2s', after: '5s' },
      steady(2),
      slo,
    );
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(a?.kind === 'spike' && a.recovery.recovered).toBe(false);
  });
});
