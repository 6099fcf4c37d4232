/**
 * What a scaler bought during a cell (`cells[].scaling.analysis`): when the
 * first added replica served after the spike began, how long that took, and
 * the p95 paid before it and enjoyed after it. Spike phases come from a
 * `spike` preset; without one the windows run from the load's start. Times
 * in ms after the load's start, p95s merged exactly over each window's
 * interval histograms (window-figures.ts).
 */
import type { CellScaling, IntervalSample, PresetConfig, ScalingAnalysis } from '../../model/index.ts';
import { presetPhases } from '../profiles/preset-phases.ts';
import { intervalsIn, profileStart, windowFigures } from './window-figures.ts';

export function analyzeScaling(
  intervals: readonly IntervalSample[],
  scaling: Pick<CellScaling, 'events' | 'replicas'>,
  preset?: PresetConfig,
  startMs?: number,
): ScalingAnalysis {
  const origin = profileStart(intervals, startMs);
  const last = intervals.at(-1);
  const endMs = last === undefined ? 0 : last.ts + last.durationMs - origin;
  const spike = preset?.preset === 'spike' ? presetPhases(preset).find((p) => p.kind === 'spike') : undefined;
  const from = spike?.startMs ?? 0;
  const until = spike?.endMs ?? endMs;
  const out = scaling.events.find((e) => e.to > e.from && e.decidedAt - origin >= from);
  const servingMs = out?.doneAt === undefined ? null : out.doneAt - origin;
  const p95 = (a: number, b: number): number | null =>
    b > a ? windowFigures(intervalsIn(intervals, origin, a, b), { startMs: a, endMs: b }).p95 : null;
  return {
    spikeStartMs: spike?.startMs ?? null,
    spikeEndMs: spike?.endMs ?? null,
    firstScaleOut: out === undefined ? null : { decidedMs: out.decidedAt - origin, servingMs, to: out.to },
    timeToCapacityMs: servingMs === null ? null : servingMs - from,
    peakReplicas: Math.max(0, ...scaling.replicas.map((r) => r.replicas)),
    p95BeforeSpike: spike === undefined ? null : p95(0, spike.startMs),
    p95UntilCapacity: p95(from, servingMs ?? until),
    p95AfterCapacity: servingMs === null ? null : p95(servingMs, until),
  };
}
