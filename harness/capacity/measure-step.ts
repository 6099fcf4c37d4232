/**
 * One step of a capacity search, measured: the intervals of its engine run
 * cut to the measured window (after `settle`, before the step's end — an
 * interval belongs to it when its midpoint does), the figures the planner
 * judges (achieved rate, latency, errors, drops, the SLO over the window),
 * the load generator's own CPU and event loop over the same intervals, and
 * each instance's CPU from the resource samples. Pure: everything is an argument.
 */
import type {
  CapacityPhase,
  CapacityStepRecord,
  ComponentResources,
  InstanceCpu,
  IntervalSample,
  StepGenerator,
  StepMachine,
  ThresholdsConfig,
} from '../../model/index.ts';
import { cellCost, intervalsIn, sloOf, windowFigures } from '../analysis/index.ts';
import { GeneratorVerdict } from '../engine/index.ts';
import { judgeStep } from './planner.ts';

export interface StepRun {
  /** 1-based, across repeats. */
  index: number;
  repeat: number;
  decision: { rate: number; phase: CapacityPhase; reason: string };
  /** The engine run: its start (the intervals are aligned to it) and end, ms since the epoch. */
  startedAt: number;
  endedAt: number;
  intervals: readonly IntervalSample[];
  settleMs: number;
  durationMs: number;
  thresholds: ThresholdsConfig | undefined;
  resources: ComponentResources | undefined;
  /** The target's instances: what each resource series belongs to. */
  instances: readonly { id: string; component: string; kind: string }[];
  /** Generator threads (`engine.workers`): CPU-bound is near this many cores. */
  threads: number;
  machine?: StepMachine | undefined;
}

export interface StepCriteria {
  throughputFloor: number;
  maxDroppedRatio: number;
}

/** The step's record; undefined when no interval fell in its window (a step cut short). */
export function measureStep(run: StepRun, criteria: StepCriteria): CapacityStepRecord | undefined {
  const own = intervalsIn(run.intervals, run.startedAt, run.settleMs, run.durationMs);
  if (own.length === 0) return undefined;
  const figures = windowFigures(own, {
    startMs: run.settleMs,
    endMs: run.durationMs,
    offeredRate: run.decision.rate,
  });
  const slo = sloOf(run.thresholds, own);
  const from = Math.min(...own.map((s) => s.ts));
  const to = Math.max(...own.map((s) => s.ts + s.durationMs));
  const durationS = (to - from) / 1000;
  const generator = stepGenerator(own, run.threads);
  const instances = instanceCpu(own, run.resources, run.instances);
  const cpu: Record<string, number> = {};
  for (const i of instances) cpu[i.component] = (cpu[i.component] ?? 0) + i.cores;
  const any = figures.requests > 0;
  const step = {
    offered: run.decision.rate,
    achieved: figures.achievedRate,
    durationS,
    p95: figures.p95,
    p99: figures.p99,
    errorRate: any ? figures.errorRate : null,
    dropped: figures.droppedIterations,
    generatorBound: generator.notes.length > 0,
    sloMet: slo.ok,
    ...(instances.length > 0 ? { cpu } : {}),
  };
  const { verdict, failures } = judgeStep(step, criteria);
  return {
    ...step,
    index: run.index,
    repeat: run.repeat,
    phase: run.decision.phase,
    reason: run.decision.reason,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    window: { from, to },
    p50: figures.p50,
    verdict,
    failures,
    thresholds: slo.results,
    generator,
    ...(run.machine ? { machine: run.machine } : {}),
    instances,
  };
}

/**
 * The generator over the window: its CPU and lag, and whether it limited the
 * step — CPU near its cores or a lagging event loop for intervals in a row
 * (engine/generator-verdict.ts). Dropped iterations are not the generator's
 * doing here: every VU waiting on the target is the target being slow, which
 * the planner judges as `dropped`.
 */
export function stepGenerator(intervals: readonly IntervalSample[], threads: number): StepGenerator {
  const verdict = new GeneratorVerdict(1000, undefined, threads);
  let sum = 0;
  let max = 0;
  let lag = 0;
  let n = 0;
  for (const s of intervals) {
    const g = s.generator;
    if (g === undefined) continue;
    verdict.observe({ ...s, droppedIterations: 0 });
    sum += g.cpuCores;
    max = Math.max(max, g.cpuCores);
    lag = Math.max(lag, g.eventLoopLagP99Ms);
    n++;
  }
  return {
    meanCores: n > 0 ? sum / n : 0,
    maxCores: max,
    lagP99MaxMs: lag,
    threads,
    notes: verdict.generatorBound ? verdict.notes() : [],
  };
}

/** Mean CPU of each instance over the window (the cost module's time weighting), busiest first. */
function instanceCpu(
  window: readonly IntervalSample[],
  resources: ComponentResources | undefined,
  instances: StepRun['instances'],
): InstanceCpu[] {
  if (resources === undefined) return [];
  const out: InstanceCpu[] = [];
  for (const i of instances) {
    const samples = resources[i.id];
    if (samples === undefined || samples.length === 0) continue;
    const cost = cellCost({ intervals: window, resources: { [i.id]: samples } });
    if (cost === undefined) continue;
    out.push({ instance: i.id, component: i.component, kind: i.kind, cores: cost.meanCores });
  }
  return out.sort((a, b) => b.cores - a.cores);
}
