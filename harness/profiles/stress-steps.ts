import type { PresetOf } from '../../model/index.ts';

/**
 * The offered rate of each stress step: `startRate`, `startRate + step`, …
 * while below `maxRate`, then `maxRate` itself as the last step — the
 * staircase always reaches `maxRate`, even when `step` does not divide the
 * distance (the last step is then smaller).
 */
export function stressRates(p: Pick<PresetOf<'stress'>, 'startRate' | 'step' | 'maxRate'>): number[] {
  const rates: number[] = [];
  for (let r = p.startRate; r < p.maxRate; r += p.step) rates.push(r);
  rates.push(p.maxRate);
  return rates;
}
