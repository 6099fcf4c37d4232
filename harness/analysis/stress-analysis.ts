/**
 * Stress → the breaking point. Each step of the staircase is judged on its
 * own window: the scenario's thresholds over that step's intervals (the SLO),
 * achieved throughput against the offered rate, and dropped iterations. The
 * breaking point is the highest offered rate whose step held; the step after
 * it says how the target broke, with the numbers.
 *
 * Each step is judged over its whole window, transients after the jump
 * included: a queue that builds up during a step is the failure to see.
 * A cell stopped early (an abortOnFail threshold, Ctrl-C) is analysed as far
 * as it got: steps it never reached are `ran: false`, neither held nor failed.
 */
import type {
  FailureMode,
  IntervalSample,
  PresetOf,
  StressAnalysis,
  StressStep,
  ThresholdsConfig,
} from '../../model/index.ts';
import { presetPhases } from '../profiles/preset-phases.ts';
import { MODE_ORDER, sloOf, thresholdMode } from './slo.ts';
import { intervalsIn, profileStart, windowFigures } from './window-figures.ts';

export interface StressContext {
  profile: PresetOf<'stress'>;
  thresholds?: ThresholdsConfig | undefined;
  /** Profile start, ms since the epoch (default: the first interval's start). */
  startMs?: number | undefined;
  /** A step keeps up when achieved ≥ this × offered (default 0.95). */
  throughputFloor?: number;
  /** A step may drop at most this fraction of its offered iterations (default 0.01). */
  maxDroppedRatio?: number;
}

export function analyzeStress(intervals: readonly IntervalSample[], ctx: StressContext): StressAnalysis {
  const throughputFloor = ctx.throughputFloor ?? 0.95;
  const maxDroppedRatio = ctx.maxDroppedRatio ?? 0.01;
  const origin = profileStart(intervals, ctx.startMs);

  const steps: StressStep[] = presetPhases(ctx.profile).map((phase) => {
    const own = intervalsIn(intervals, origin, phase.startMs, phase.endMs);
    const figures = windowFigures(own, { ...phase, offeredRate: phase.startRate });
    const slo = sloOf(ctx.thresholds, own);
    const ran = own.length > 0;
    const modes = new Set<FailureMode>(slo.results.filter((t) => !t.ok).map((t) => thresholdMode(t.metric)));
    if ((figures.achievedRatio ?? 0) < throughputFloor) modes.add('throughput');
    const offeredIterations = (phase.startRate * (phase.endMs - phase.startMs)) / 1000;
    if (figures.droppedIterations > maxDroppedRatio * offeredIterations) modes.add('dropped');
    // A step the run never reached (aborted cell) neither held nor failed.
    const ordered = ran ? MODE_ORDER.filter((m) => modes.has(m)) : [];
    return { step: phase.step ?? 0, ...figures, slo, ran, ok: ran && ordered.length === 0, modes: ordered };
  });

  const held = steps.filter((s) => s.ok);
  const best = held.at(-1);
  const next = steps[best ? steps.indexOf(best) + 1 : 0];
  const failed = next?.ran && !next.ok ? next : undefined;

  return {
    kind: 'stress',
    steps,
    breakingPoint: best
      ? {
          step: best.step,
          offeredRate: best.offeredRate ?? 0,
          achievedRate: best.achievedRate,
          p95: best.p95,
          p99: best.p99,
          errorRate: best.errorRate,
        }
      : null,
    failure: failed
      ? {
          step: failed.step,
          offeredRate: failed.offeredRate ?? 0,
          mode: failed.modes[0]!,
          modes: failed.modes,
          achievedRate: failed.achievedRate,
          achievedRatio: failed.achievedRatio,
          p95: failed.p95,
          p99: failed.p99,
          errorRate: failed.errorRate,
          droppedIterations: failed.droppedIterations,
          failedThresholds: failed.slo.results.filter((t) => !t.ok),
        }
      : null,
    consistent: best === undefined || steps.slice(0, steps.indexOf(best)).every((s) => s.ok),
    complete: steps.every((s) => s.ran),
    criteria: {
      throughputFloor,
      maxDroppedRatio,
      thresholds: steps[0]?.slo.results.length ?? 0,
    },
  };
}
