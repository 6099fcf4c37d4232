/**
 * Step 2b, before the warm-up: the schedule's conditions — faults at 0 s that
 * last until the load ends, such as 5 ms on every connection into Postgres —
 * are put in place now, so the warm-up runs in the conditions the load will
 * be measured in and the switch does not fall on the measured seconds. They
 * are reverted with the other faults when the load ends (teardown: LIFO).
 */
import type { FaultSchedule } from '../../../chaos/index.ts';
import { planFaults, runFaultSchedule, splitConditions } from '../../../chaos/index.ts';
import type { Deployment } from '../../../model/index.ts';
import type { CellContext } from './cell-context.ts';

/** The running schedule of the cell's conditions (empty when it has none). */
export async function applyConditions(ctx: CellContext, deployment: Deployment): Promise<FaultSchedule> {
  const { conditions } = splitConditions(ctx.cell.schedule?.faults ?? []);
  const schedule = runFaultSchedule(deployment, planFaults(conditions), {
    signal: ctx.signal,
    log: (line) => ctx.log(line),
    onEvent: () => ctx.update({ faults: schedule.applied.map((f) => f.toJSON()) }),
  });
  ctx.teardown.push('revert conditions', () => schedule.stop());
  // Every apply runs at 0 s: done once they all have (or the cell was aborted).
  await schedule.done;
  return schedule;
}
