/**
 * `harness run --dry-run`: the plan as it will run — one line per cell with
 * its executor (durations scaled) or its capacity search, concurrent
 * scenarios one line each, its warm-up, and each cell's fault timeline
 * (scaled too) — then the total planned time, without starting anything.
 */
import { faultLabel, planFaults, splitConditions } from '../../chaos/index.ts';
import {
  type CellExecutor,
  executorsOf,
  type FaultSpec,
  formatDuration,
  isCapacityPreset,
  modelOf,
} from '../../model/index.ts';
import type { RunPlan } from '../plan/plan.ts';
import { formatEta, plannedTime } from '../plan/planned-time.ts';
import { describeCapacity } from './describe-capacity.ts';
import { DEFAULT_OVERHEAD_MS } from './run-eta.ts';

export function describePlan(file: string, plan: RunPlan): string[] {
  const lines = [`${file}: valid; ${plan.cells.length} cell(s), run one after another:`];
  let warmupMs = 0;
  let loadMs = 0;
  for (const c of plan.cells) {
    const t = plannedTime(c);
    warmupMs += t.warmupMs;
    loadMs += t.loadMs;
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
    const { conditions, timeline } = splitConditions(c.schedule?.faults ?? []);
    for (const f of conditions)
      lines.push(`    condition  from the start, warm-up included: ${faultLabel(f)}${faultParams(f)}`);
    if (c.warmup) lines.push(`    warm-up first (not measured): ${warmupText(c.warmup)}`);
    for (const e of planFaults(timeline)) {
      const what = e.action === 'apply' ? `${e.label}${faultParams(e.fault)}` : e.label;
      lines.push(
        `    fault ${e.action === 'apply' ? 'on ' : 'off'} at ${formatDuration(e.at).padEnd(8)} ${what}`,
      );
    }
  }
  const overheadMs = plan.cells.length * DEFAULT_OVERHEAD_MS;
  if (plan.cells.some((c) => c.preset && isCapacityPreset(c.preset)))
    lines.push(
      '  (a capacity search counts the steps it plans for — the climb to maxRate, one retry, the bisection — the knee decides how many it runs)',
    );
  lines.push(
    `planned: ${formatEta(loadMs)} of load${warmupMs > 0 ? ` + ${formatEta(warmupMs)} of warm-up` : ''}, plus start-up, seeding and stop of ${plan.cells.length} cell(s) (~${formatEta(DEFAULT_OVERHEAD_MS)} each, estimated) ≈ ${formatEta(loadMs + warmupMs + overheadMs)} in all`,
  );
  return lines;
}

function warmupText(warmup: CellExecutor): string {
  if (warmup.executor !== 'scenarios') return JSON.stringify(warmup);
  return executorsOf(warmup)
    .map(({ name, executor }) => `${name}: ${JSON.stringify(executor)}`)
    .join('; ');
}

/** What the fault does, beyond where and when: ` latency=50ms jitter=5ms`. */
function faultParams(fault: FaultSpec): string {
  const where = new Set(['kind', 'at', 'duration', 'name', 'edge', 'target', 'instance', 'restartAfter']);
  const rest = Object.entries(fault).filter(([k, v]) => !where.has(k) && v !== undefined);
  return rest.length === 0
    ? ''
    : ` ${rest.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')}`;
}
