/**
 * A cell's fault schedule beside its load (drive-load) or its capacity search:
 * the schedule's conditions (faults at 0 s with no duration) were applied
 * before the warm-up and already hold; its timed faults start now, on times
 * scaled when the run was planned. `finish` ends both when the load is over —
 * before the integrity check reads back — and stores each fault with its
 * impact on the cell's intervals. Every fault is also reverted on abort and
 * failure (teardown, LIFO: before the targets stop).
 */
import type { FaultSchedule } from '../../../chaos/index.ts';
import { faultImpact, planFaults, runFaultSchedule, splitConditions } from '../../../chaos/index.ts';
import type { Deployment } from '../../../model/index.ts';
import type { CellContext } from './cell-context.ts';

export interface CellFaults {
  /** Stops the timed faults and the conditions, then records each fault's impact. */
  finish(): Promise<void>;
}

export function startCellFaults(
  ctx: CellContext,
  deployment: Deployment,
  conditions: FaultSchedule,
  startedAt: number = Date.now(),
): CellFaults {
  const faults = ctx.cell.schedule?.faults ?? [];
  const applied = () => [...conditions.applied, ...schedule.applied];
  const schedule = runFaultSchedule(deployment, planFaults(splitConditions(faults).timeline), {
    startedAt,
    signal: ctx.signal,
    log: (line) => ctx.log(line),
    onEvent: () => ctx.update({ faults: applied().map((f) => f.toJSON()) }),
  });
  ctx.teardown.push('revert faults', () => schedule.stop());
  return {
    async finish() {
      await schedule.stop();
      await conditions.stop();
      if (faults.length === 0) return;
      const thresholds = ctx.scenario.thresholds;
      const failures = [...conditions.failures, ...schedule.failures];
      ctx.update({
        faults: applied().map((f) => ({
          ...f.toJSON(),
          impact: faultImpact(ctx.result.intervals, f, thresholds ? { thresholds } : {}),
        })),
        ...(failures.length > 0
          ? { faultFailures: failures.map((f) => ({ label: f.event.label, error: f.error.message })) }
          : {}),
      });
    },
  };
}
