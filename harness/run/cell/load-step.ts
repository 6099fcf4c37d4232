/**
 * The step that puts load on a cell's target, chosen by its profile: a
 * `capacity` preset searches rates one step at a time (search-capacity.ts);
 * every other profile runs its executor once, faults on its timeline (drive-load.ts).
 * Either way the schedule's conditions were applied before the warm-up.
 */
import type { FaultSchedule } from '../../../chaos/index.ts';
import type { Deployment, LedgerEntry } from '../../../model/index.ts';
import { isCapacityPreset } from '../../../model/index.ts';
import type { PlannedCell } from '../../plan/plan.ts';
import type { CellContext } from './cell-context.ts';
import { driveLoad } from './drive-load.ts';
import { searchCapacity } from './search-capacity.ts';

/** `conditions`: the schedule's whole-cell faults, already applied (apply-conditions.ts). */
export type LoadStep = (
  ctx: CellContext,
  deployment: Deployment,
  conditions: FaultSchedule,
) => Promise<{ ledger: LedgerEntry[] }>;

export function loadStepOf(cell: PlannedCell): LoadStep {
  return cell.preset !== undefined && isCapacityPreset(cell.preset) ? searchCapacity : driveLoad;
}
