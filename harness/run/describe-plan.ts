/**
 * `harness run --dry-run`: the plan as it will run — one line per cell with
 * its executor (durations scaled) or its capacity search, concurrent scenarios one line each, and
 * each cell's fault timeline (scaled too) — without starting anything.
 */
import { planFaults } from '../../chaos/index.ts';
import { executorsOf, type FaultSpec, formatDuration, isCapacityPreset, modelOf } from '../../model/index.ts';
import type { RunPlan } from '../plan/plan.ts';
import { describeCapacity } from './describe-capacity.ts';

export function describePlan(file: string, plan: RunPlan): string[] {
  const lines = [`${file}: valid; ${plan.cells.length} cell(s), run one after another:`];
  for (const c of plan.cells) {
    if (c.preset && isCapacityPreset(c.preset))
      lines.push(`  ${c.id.padEnd(36)} ${describeCapacity(c.preset)}`);
    else if (c.executor.executor !== 'scenarios')
      lines.push(`  ${c.id.padEnd(36)} ${JSON.stringify(c.executor)}`);
    else {
      // Concurrent scenarios: one line each, under the cell.
      lines.push(`  ${c.id.padEnd(36)} scenarios at once (${modelOf(c.executor)} model):`);
      for (const { name, executor } of executorsOf(c.executor))
        lines.push(`    ${String(name).padEnd(34)} ${JSON.stringify(executor)}`);
    }
    for (const e of planFaults(c.schedule?.faults ?? [])) {
      const what = e.action === 'apply' ? `${e.label}${faultParams(e.fault)}` : e.label;
      lines.push(
        `    fault ${e.action === 'apply' ? 'on ' : 'off'} at ${formatDuration(e.at).padEnd(8)} ${what}`,
      );
    }
  }
  return lines;
}

/** What the fault does, beyond where and when: ` latency=50ms jitter=5ms`. */
function faultParams(fault: FaultSpec): string {
  const where = new Set(['kind', 'at', 'duration', 'name', 'edge', 'target', 'instance', 'restartAfter']);
  const rest = Object.entries(fault).filter(([k, v]) => !where.has(k) && v !== undefined);
  return rest.length === 0
    ? ''
    : ` ${rest.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')}`;
}
