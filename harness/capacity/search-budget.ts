/**
 * How many steps a capacity search plans for, before it runs: the climb from
 * `startRate` by `growth` to `maxRate`, one retry of the failure that ends
 * it, and the bisection of one growth factor down to `tolerance` — at most
 * `maxSteps`. The real count depends on where the knee is (a knee well below
 * `maxRate` climbs fewer steps); this is the estimate `--dry-run` and the
 * live ETA use, not a promise.
 */
import type { CapacitySettings } from '../../model/index.ts';

export function plannedSearchSteps(
  s: Pick<CapacitySettings, 'startRate' | 'growth' | 'maxRate' | 'tolerance' | 'maxSteps'>,
): number {
  const climb = Math.ceil(Math.log(s.maxRate / s.startRate) / Math.log(s.growth) - 1e-9) + 1;
  const bisect = Math.max(0, Math.ceil(Math.log2((s.growth - 1) / s.tolerance)));
  return Math.min(s.maxSteps, climb + 1 + bisect);
}
