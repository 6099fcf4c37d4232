/**
 * The load profiles as named presets: a scenario may write
 * `{ preset: 'stress', startRate: 50, step: 50, maxRate: 400 }` where it
 * would otherwise write a raw k6 executor. Each preset expands to one
 * arrival-rate executor (`expand-preset.ts`) and names its phases
 * (`preset-phases.ts`) for the analysis it exists for (`harness/analysis`).
 *
 * Rates are iterations per second. The ramping presets (load, stress, spike)
 * expand to k6 stages whose `target` is an integer, so their rates are
 * integers; baseline and endurance run constant-arrival-rate and take any
 * positive rate. `capacity` is the one preset that is not one executor: its
 * rates are chosen one step at a time by a search (`harness/capacity`).
 *
 * This file imports no value from `scenario/schema.ts`, so that schema can
 * import `PresetProfile` without an import cycle.
 */
import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from '../duration.ts';

const Duration = z
  .string()
  .regex(DURATION_PATTERN, { message: 'expected a duration such as "500ms", "30s", "1m30s" or "2h"' });
/** A duration that must not be zero: the phase it sets is what the analysis measures. */
const PositiveDuration = Duration.refine((d) => !DURATION_PATTERN.test(d) || parseDuration(d) > 0, {
  message: 'expected a duration above zero',
});
const PositiveInt = z.number().int().positive();
const Rate = z.number().positive();
const IntRate = PositiveInt;

/** Options every preset accepts: the VU pool of the arrival-rate executor (k6 names). */
const VuPool = {
  preAllocatedVUs: PositiveInt.optional(),
  maxVUs: PositiveInt.optional(),
  /** Per-profile weights of the request mix, as on raw executors. */
  weights: z.record(z.string(), z.number().nonnegative()).optional(),
};

/** `maxVUs` below `preAllocatedVUs` cannot be honoured. */
const poolOk = (p: { preAllocatedVUs?: number | undefined; maxVUs?: number | undefined }) =>
  p.preAllocatedVUs === undefined || p.maxVUs === undefined || p.maxVUs >= p.preAllocatedVUs;
const poolMessage = { message: 'maxVUs must be at least preAllocatedVUs', path: ['maxVUs'] };

/** Low steady rate: the reference latency of the target. */
export const BaselinePreset = z
  .strictObject({
    preset: z.literal('baseline'),
    rate: Rate.default(20),
    duration: PositiveDuration.default('30s'),
    ...VuPool,
  })
  .refine(poolOk, poolMessage);

/** Ramp to the expected rate and hold it: the SLO pass/fail run. */
export const LoadPreset = z
  .strictObject({
    preset: z.literal('load'),
    rate: IntRate,
    rampUp: Duration.default('30s'),
    hold: PositiveDuration.default('2m'),
    rampDown: Duration.default('10s'),
    ...VuPool,
  })
  .refine(poolOk, poolMessage);

/** Most steps a staircase may have: beyond it, widen `step`. */
export const MAX_STRESS_STEPS = 100;

/** A staircase of instant rate jumps from `startRate` by `step` up to `maxRate`: the breaking point. */
export const StressPreset = z
  .strictObject({
    preset: z.literal('stress'),
    startRate: IntRate,
    /** Rate added at each step. */
    step: IntRate,
    stepDuration: PositiveDuration.default('20s'),
    maxRate: IntRate,
    ...VuPool,
  })
  .refine(poolOk, poolMessage)
  .refine((p) => p.maxRate >= p.startRate, {
    message: 'maxRate must be at least startRate',
    path: ['maxRate'],
  })
  .refine(
    (p) => p.maxRate < p.startRate || Math.ceil((p.maxRate - p.startRate) / p.step) + 1 <= MAX_STRESS_STEPS,
    {
      message: `more than ${MAX_STRESS_STEPS} steps from startRate to maxRate: use a larger step`,
      path: ['step'],
    },
  );

/** Steady, an instant jump to `factor` × rate, back: impact and recovery. */
export const SpikePreset = z
  .strictObject({
    preset: z.literal('spike'),
    rate: IntRate,
    /** Peak = round(rate × factor). */
    factor: z.number().gt(1),
    before: PositiveDuration.default('30s'),
    spike: PositiveDuration.default('10s'),
    after: PositiveDuration.default('60s'),
    ...VuPool,
  })
  .refine(poolOk, poolMessage);

/** A long hold at a steady rate: drift of latency, errors and memory. */
export const EndurancePreset = z
  .strictObject({
    preset: z.literal('endurance'),
    rate: Rate,
    duration: PositiveDuration.default('30m'),
    ...VuPool,
  })
  .refine(poolOk, poolMessage);

/** Most steps one capacity search may take. */
export const MAX_CAPACITY_STEPS = 100;

/**
 * The highest open-model rate that still meets the SLO (the scenario's
 * thresholds): step up × `growth` from `startRate` while each step holds,
 * then bisect between the last rate that held and the first that did not
 * until they are within `tolerance` of each other — the knee. Each rate is
 * held for `stepDuration` on the same running deployment and measured after
 * `settle`. Not expanded to one executor: the orchestrator runs the steps one
 * after another (harness/run/cell/search-capacity.ts).
 */
export const CapacityPreset = z
  .strictObject({
    preset: z.literal('capacity'),
    startRate: Rate.default(100),
    /** Step-up factor while each step holds. */
    growth: z.number().gt(1).max(16).default(2),
    /** Never offer more than this. */
    maxRate: Rate.default(20_000),
    /** A first failing rate is halved down to this at most (default startRate / 64). */
    minRate: Rate.optional(),
    /** Bisection stops when (fail − held) ≤ tolerance × held. */
    tolerance: z.number().gt(0).lt(1).default(0.05),
    stepDuration: PositiveDuration.default('20s'),
    /** The first part of each step, left out of its figures (connections, queues settling). */
    settle: Duration.default('5s'),
    maxSteps: PositiveInt.max(MAX_CAPACITY_STEPS).default(20),
    /** Searches run one after another on the same deployment: the spread of the capacity. */
    repeats: PositiveInt.max(10).default(1),
    /** A step keeps up when achieved ≥ this × offered. */
    throughputFloor: z.number().gt(0).max(1).default(0.95),
    /** A step may drop at most this fraction of its offered iterations. */
    maxDroppedRatio: z.number().min(0).lt(1).default(0.01),
    ...VuPool,
  })
  .refine(poolOk, poolMessage)
  .refine((p) => p.maxRate >= p.startRate, {
    message: 'maxRate must be at least startRate',
    path: ['maxRate'],
  })
  .refine((p) => p.minRate === undefined || p.minRate <= p.startRate, {
    message: 'minRate must not be above startRate',
    path: ['minRate'],
  })
  .refine(
    (p) =>
      !DURATION_PATTERN.test(p.settle) ||
      !DURATION_PATTERN.test(p.stepDuration) ||
      parseDuration(p.stepDuration) - parseDuration(p.settle) >= 1000,
    {
      message:
        'settle must be at least 1s shorter than stepDuration: a step is measured after it, in 1-second intervals',
      path: ['settle'],
    },
  );

export const PresetProfile = z.discriminatedUnion('preset', [
  BaselinePreset,
  LoadPreset,
  StressPreset,
  SpikePreset,
  EndurancePreset,
  CapacityPreset,
]);

/** A preset as written in a scenario (defaults not yet applied). */
export type PresetInput = z.input<typeof PresetProfile>;
/** A validated preset with every default filled in. */
export type PresetConfig = z.output<typeof PresetProfile>;
export type PresetName = PresetConfig['preset'];
export type PresetOf<N extends PresetName> = Extract<PresetConfig, { preset: N }>;

export const PRESET_NAMES: readonly PresetName[] = [
  'baseline',
  'load',
  'stress',
  'spike',
  'endurance',
  'capacity',
];

/** A capacity preset: the orchestrator searches its steps instead of running one executor. */
export function isCapacityPreset(profile: object): profile is PresetOf<'capacity'> {
  return (profile as { preset?: unknown }).preset === 'capacity';
}

/** True when a profile (preset or raw executor) is a preset. */
export function isPreset(profile: object): profile is PresetConfig {
  return 'preset' in profile;
}
