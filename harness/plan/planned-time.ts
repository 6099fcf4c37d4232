/**
 * How long a plan's load takes, as planned: per cell its warm-up and its
 * measured load (the longest of its executors, from the profile's start to
 * its end, without graceful stops; an iterations executor counts its
 * `maxDuration`, the most it can take; a capacity search the steps it plans
 * for, each `stepDuration`, once per repeat). Start-up, seeding and read-back
 * are not planned — the live progress measures them as cells finish.
 */
import type { CellExecutor, PresetConfig, PresetOf } from '../../model/index.ts';
import { executorsOf, isCapacityPreset, parseDuration } from '../../model/index.ts';
import { capacitySettings, plannedSearchSteps } from '../capacity/index.ts';
import { planExecutor } from '../engine/plan/index.ts';

export interface PlannedTime {
  warmupMs: number;
  loadMs: number;
}

/** From the start of the executor(s) to the end of the last one. */
export function executorMs(executor: CellExecutor): number {
  let end = 0;
  for (const { executor: e } of executorsOf(executor)) {
    const plan = planExecutor(e);
    end = Math.max(end, plan.startTimeMs + plan.endMs);
  }
  return end;
}

export function plannedTime(cell: {
  executor: CellExecutor;
  warmup?: CellExecutor | undefined;
  preset?: PresetConfig | undefined;
}): PlannedTime {
  return {
    warmupMs: cell.warmup === undefined ? 0 : executorMs(cell.warmup),
    loadMs: cell.preset && isCapacityPreset(cell.preset) ? searchMs(cell.preset) : executorMs(cell.executor),
  };
}

/** A capacity search: the steps it plans for (an estimate: the knee decides), every repeat. */
function searchMs(preset: PresetOf<'capacity'>): number {
  const s = capacitySettings(preset);
  return plannedSearchSteps(s) * parseDuration(s.stepDuration) * s.repeats;
}

/** `45s`, `2m05s`, `1h02m`: a human duration for progress lines. */
export function formatEta(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
