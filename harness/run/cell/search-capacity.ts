/**
 * Step 4 of a capacity cell, in place of drive-load: the capacity search.
 * The deployment was started once; the planner (harness/capacity) picks a
 * rate, the rate is held for `stepDuration` through the same engine as any
 * profile (open model, constant arrival rate), its intervals are stored as
 * they come, its measured window is judged, and the planner picks the next
 * rate — until it stops at the knee, `repeats` times. Every instance's CPU is
 * sampled throughout; the generator's and the machine's CPU are recorded per
 * step. The schedule's conditions (faults at 0 s with no duration, such as
 * the database 5 ms away) were applied before the warm-up and hold for the
 * whole search; its other faults run on the search's timeline, from its
 * first step to its end. The cell's `capacity` is rewritten after every step, so a
 * crash leaves the search as far as it got. After a step that did not hold,
 * the target rests `settle` with no load before the next rate. abortOnFail thresholds do not
 * stop a capacity cell: failing the SLO is how a search finds its knee.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultSchedule } from '../../../chaos/index.ts';
import type {
  CapacitySearch,
  CapacitySettings,
  CapacityStepRecord,
  CellResult,
  Deployment,
  ExecutorConfig,
  IntervalSample,
  LedgerEntry,
  PresetOf,
} from '../../../model/index.ts';
import { ExitCode, HarnessError, isCapacityPreset, parseDuration } from '../../../model/index.ts';
import {
  capacitySettings,
  cellCapacity,
  finishSearch,
  measureStep,
  planCapacity,
  plannerOptions,
  searchSoFar,
} from '../../capacity/index.ts';
import { type MachineCpu, MachineReadings, procStatCpu } from '../machine-cpu.ts';
import { sampleResources } from '../resource-sampler.ts';
import type { CellContext } from './cell-context.ts';
import { startCellFaults } from './cell-faults.ts';
import { engineRequest } from './engine-request.ts';
import { describeSearch, describeStep } from './search-log.ts';

interface Search {
  ctx: CellContext;
  deployment: Deployment;
  preset: PresetOf<'capacity'>;
  settings: CapacitySettings;
  machineCpu: MachineCpu;
  machine: MachineReadings;
  resources: NonNullable<CellResult['resources']>;
  ledger: LedgerEntry[];
}

export async function searchCapacity(
  ctx: CellContext,
  deployment: Deployment,
  conditions: FaultSchedule,
): Promise<{ ledger: LedgerEntry[] }> {
  const { cell } = ctx;
  if (cell.preset === undefined || !isCapacityPreset(cell.preset))
    throw new Error(`${cell.id}: a capacity search needs a capacity preset`);
  const resources: NonNullable<CellResult['resources']> = {};
  ctx.update({ resources });
  ctx.teardown.push('resource sampler', sampleResources(deployment, resources));
  const machineCpu = ctx.deps.machine ?? procStatCpu();
  const s: Search = {
    ctx,
    deployment,
    preset: cell.preset,
    settings: capacitySettings(cell.preset),
    machineCpu,
    machine: new MachineReadings(machineCpu),
    resources,
    ledger: [],
  };
  const options = plannerOptions(s.settings);

  // The schedule's timed faults run from the first step; its conditions already apply.
  const faults = startCellFaults(ctx, deployment, conditions);

  const steps: CapacityStepRecord[] = [];
  const searches: CapacitySearch[] = [];
  const save = (current: CapacitySearch | null = null) =>
    ctx.update({ capacity: cellCapacity(s.settings, steps, current ? [...searches, current] : searches) });

  for (let repeat = 1; repeat <= s.settings.repeats && !ctx.signal.aborted; repeat++) {
    const own: CapacityStepRecord[] = [];
    for (;;) {
      const d = planCapacity(own, options);
      if (d.action === 'stop') {
        const done = finishSearch(d.result, own, repeat, machineCpu.cores);
        searches.push(done);
        save();
        ctx.log(describeSearch(done, s.settings.repeats));
        break;
      }
      if (ctx.signal.aborted) break;
      const index = steps.length + 1;
      ctx.log(
        `step ${index}${s.settings.repeats > 1 ? ` (search ${repeat})` : ''}: ${d.rate}/s for ${s.settings.stepDuration} — ${d.reason}`,
      );
      const record = await runStep(s, { index, repeat, decision: d });
      if (record === undefined) {
        if (ctx.signal.aborted) break;
        throw new HarnessError(
          'CAPACITY_STEP_UNMEASURED',
          `${cell.id}: step ${index} (${d.rate}/s) had no 1-second interval in its measured window (after ${s.settings.settle}, before ${s.settings.stepDuration})`,
          {
            exitCode: ExitCode.invalidInput,
            hint: 'make stepDuration at least 1s longer than settle, after --duration-scale',
          },
        );
      }
      own.push(record);
      steps.push(record);
      save(searchSoFar(own, options, repeat, machineCpu.cores));
      ctx.log(describeStep(record));
      if (record.verdict !== 'pass') await rest(s);
    }
    if (ctx.signal.aborted) {
      // Cut short: the bracket of the steps that ran, nothing of the step cut.
      const cut = searchSoFar(own, options, repeat, machineCpu.cores);
      if (cut) searches.push(cut);
      save();
      break;
    }
  }

  // Open-ended faults and the conditions end with the search, before the integrity check reads back.
  await faults.finish();
  // The cell measured the generator only where a search stopped at it; bound steps are flagged, not counted.
  const bound = searches.filter((x) => x.stop === 'generator');
  ctx.update({
    generatorBound: bound.length > 0,
    generatorNotes: bound.flatMap((x) => (x.bottleneck ? [x.bottleneck.reason] : [])),
  });
  return { ledger: s.ledger };
}

/**
 * After a step that did not hold, `settle` with no load: a target pushed past
 * its knee has a backlog (queued requests, busy connections, a full pool),
 * and the next, lower rate should be measured on the target, not on what the
 * failed step left behind.
 */
async function rest(s: Search): Promise<void> {
  const ms = parseDuration(s.settings.settle);
  if (ms <= 0 || s.ctx.signal.aborted) return;
  s.ctx.log(
    `resting ${s.settings.settle} with no load: the target drains what the step left before the next rate`,
  );
  await (s.ctx.deps.sleep ?? abortableSleep)(ms, s.ctx.signal);
}

async function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => {});
}

/** One rate held for a step; its record, or undefined when the cell was stopped during it. */
async function runStep(
  s: Search,
  at: {
    index: number;
    repeat: number;
    decision: { rate: number; phase: CapacityStepRecord['phase']; reason: string };
  },
): Promise<CapacityStepRecord | undefined> {
  const { ctx, deployment, settings } = s;
  const { cell, deps, scenario } = ctx;
  const executor: ExecutorConfig = {
    executor: 'constant-arrival-rate',
    rate: at.decision.rate,
    timeUnit: '1s',
    duration: settings.stepDuration,
    ...(s.preset.preAllocatedVUs !== undefined ? { preAllocatedVUs: s.preset.preAllocatedVUs } : {}),
    ...(s.preset.maxVUs !== undefined ? { maxVUs: s.preset.maxVUs } : {}),
    ...(s.preset.weights !== undefined ? { weights: s.preset.weights } : {}),
  };
  const intervals: IntervalSample[] = [];
  s.machine.clear();
  s.machine.read();
  const run = await deps.engine.run(
    engineRequest(ctx, deployment, executor, {
      onInterval: (sample) => {
        intervals.push(sample);
        s.machine.read();
        deps.store.addInterval(cell.id, sample);
        deps.observer.onInterval(ctx.result, sample);
      },
      onLedger: (entries) => {
        s.ledger.push(...entries);
        deps.store.appendLedger(cell.id, entries);
      },
    }),
  );
  if (run.aborted || ctx.signal.aborted) return undefined;
  const settleMs = parseDuration(settings.settle);
  const durationMs = parseDuration(settings.stepDuration);
  const origin = intervals[0]?.ts ?? run.startedAt;
  const window = { from: origin + settleMs, to: origin + durationMs };
  return measureStep(
    {
      ...at,
      startedAt: origin,
      endedAt: run.endedAt,
      intervals,
      settleMs,
      durationMs,
      thresholds: scenario.thresholds,
      resources: s.resources,
      instances: deployment.instances.map((i) => ({ id: i.id, component: i.component, kind: i.kind })),
      threads: scenario.engine.workers,
      machine: s.machine.over(window.from, window.to),
    },
    settings,
  );
}
