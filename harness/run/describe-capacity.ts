/** A capacity search as `--dry-run` shows it: where it starts, how it climbs, how long each step is held. */
import type { PresetOf } from '../../model/index.ts';
import { capacitySettings } from '../capacity/index.ts';

export function describeCapacity(preset: PresetOf<'capacity'>): string {
  const s = capacitySettings(preset);
  const pool = [
    preset.preAllocatedVUs !== undefined ? `preAllocatedVUs ${preset.preAllocatedVUs}` : '',
    preset.maxVUs !== undefined ? `maxVUs ${preset.maxVUs}` : '',
  ].filter(Boolean);
  return (
    `capacity search: constant-arrival-rate from ${s.startRate}/s, ×${s.growth} while each step holds, ` +
    `at most ${s.maxRate}/s, then bisect to within ${Math.round(s.tolerance * 1000) / 10} %; ` +
    `${s.stepDuration} a step (the first ${s.settle} not measured), at most ${s.maxSteps} steps` +
    `${s.repeats > 1 ? `, ${s.repeats} searches` : ''}${pool.length > 0 ? `; ${pool.join(', ')}` : ''}`
  );
}
