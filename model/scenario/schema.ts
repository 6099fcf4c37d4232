/**
 * The one scenario schema. Strict about unknown keys; every problem is
 * reported with its path (see `load.ts`). The TypeScript types users see in
 * `defineScenario` are inferred from it, so the two cannot drift apart.
 */
import { z } from 'zod';
import { DURATION_PATTERN } from '../duration.ts';
import { FaultSpec } from './fault-schema.ts';
import { PresetProfile } from './preset-schema.ts';

/** k6 duration string: `500ms`, `30s`, `1m30s`, `2h`. */
export const Duration = z
  .string()
  .regex(DURATION_PATTERN, { message: 'expected a duration such as "500ms", "30s", "1m30s" or "2h"' });

const Name = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, { message: 'expected a name of letters, digits, "-", "_" or "."' });

const PositiveInt = z.number().int().positive();
const NonNegativeInt = z.number().int().nonnegative();

// ---------------------------------------------------------------- executors
// The six executors of k6, with k6's option names and defaults.

const ExecutorCommon = {
  /** Delay from the start of the profile before this executor begins (k6 `startTime`). */
  startTime: Duration.optional(),
  /** Time given to in-flight iterations to finish after the executor's end (k6 default 30s). */
  gracefulStop: Duration.optional(),
  /** Extra tags added to every sample of this executor. */
  tags: z.record(z.string(), z.string()).optional(),
  /**
   * Per-profile weights of the request mix, by request name (0 drops a
   * request): one workload, a read-heavy and a write-heavy profile.
   */
  weights: z.record(z.string(), z.number().nonnegative()).optional(),
  /**
   * Where this executor's requests go: a named entry point of the target's
   * topology (`entries`: a region's own service, `us`) instead of its main
   * entry — clients with a home region. Every target must have it.
   */
  entry: Name.optional(),
};

const Stage = z.strictObject({ duration: Duration, target: NonNegativeInt });

export const ConstantVus = z.strictObject({
  executor: z.literal('constant-vus'),
  vus: PositiveInt.default(1),
  duration: Duration,
  ...ExecutorCommon,
});

export const RampingVus = z.strictObject({
  executor: z.literal('ramping-vus'),
  startVUs: NonNegativeInt.default(1),
  stages: z.array(Stage).min(1),
  gracefulRampDown: Duration.optional(),
  ...ExecutorCommon,
});

export const ConstantArrivalRate = z.strictObject({
  executor: z.literal('constant-arrival-rate'),
  /** Iterations started per `timeUnit`. */
  rate: z.number().positive(),
  timeUnit: Duration.default('1s'),
  duration: Duration,
  preAllocatedVUs: PositiveInt.optional(),
  maxVUs: PositiveInt.optional(),
  ...ExecutorCommon,
});

export const RampingArrivalRate = z.strictObject({
  executor: z.literal('ramping-arrival-rate'),
  startRate: z.number().nonnegative().default(0),
  timeUnit: Duration.default('1s'),
  stages: z.array(Stage).min(1),
  preAllocatedVUs: PositiveInt.optional(),
  maxVUs: PositiveInt.optional(),
  ...ExecutorCommon,
});

export const SharedIterations = z.strictObject({
  executor: z.literal('shared-iterations'),
  vus: PositiveInt.default(1),
  iterations: PositiveInt.default(1),
  maxDuration: Duration.default('10m'),
  ...ExecutorCommon,
});

export const PerVuIterations = z.strictObject({
  executor: z.literal('per-vu-iterations'),
  vus: PositiveInt.default(1),
  iterations: PositiveInt.default(1),
  maxDuration: Duration.default('10m'),
  ...ExecutorCommon,
});

export const Executor = z.discriminatedUnion('executor', [
  ConstantVus,
  RampingVus,
  ConstantArrivalRate,
  RampingArrivalRate,
  SharedIterations,
  PerVuIterations,
]);
export type ExecutorConfig = z.output<typeof Executor>;
export type ExecutorName = ExecutorConfig['executor'];

/**
 * Several named executors that run at once in one profile (k6
 * `options.scenarios`): each with its own VUs, `startTime` and `weights`, all
 * against the same target on one HTTP client. Iterations, dropped iterations
 * and VUs are kept per scenario (threshold tag `scenario`).
 */
export const ScenariosProfile = z.strictObject({
  scenarios: z.record(Name, Executor).refine((s) => Object.keys(s).length > 0, {
    message: 'expected at least one scenario',
  }),
});
export type ScenariosProfileConfig = z.output<typeof ScenariosProfile>;

/**
 * A profile: a raw k6 executor, one of the five named presets (see
 * profiles/preset-schema.ts), or concurrent named scenarios.
 */
export const Profile = z.union([Executor, PresetProfile, ScenariosProfile]);
export type ProfileConfig = z.output<typeof Profile>;

/**
 * What one cell runs: one executor, or (a `scenarios` profile) its named
 * executors at once, as `{ executor: 'scenarios', scenarios }` so that every
 * reader can switch on `executor` alone.
 */
export interface ScenariosExecutor {
  executor: 'scenarios';
  scenarios: Record<string, ExecutorConfig>;
}
export type CellExecutor = ExecutorConfig | ScenariosExecutor;

// ----------------------------------------------------------------- workload

/**
 * Where the `{key}` of a request comes from: YCSB's request distributions over
 * the seeded key space `[1, dataset.items]` unless `min`/`max` narrow it.
 */
export const KeyDistribution = z.strictObject({
  dist: z.enum(['uniform', 'sequential', 'zipfian', 'latest']).default('uniform'),
  min: PositiveInt.optional(),
  max: PositiveInt.optional(),
  /** Zipfian skew (YCSB default 0.99). */
  theta: z.number().positive().lt(1).optional(),
});

export const HttpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);

/**
 * One entry of the weighted request mix. `path` and string values inside
 * `body` may hold placeholders: `{key}` (from `key`), `{vu}`, `{iter}`,
 * `{uuid}`, `{rand}` (random 32-bit integer), `{now}` (ms since epoch).
 */
export const RequestSpec = z.strictObject({
  name: Name,
  weight: z.number().positive().default(1),
  method: HttpMethod.default('GET'),
  path: z.string().startsWith('/', { message: 'expected a path starting with "/"' }),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  key: KeyDistribution.optional(),
  /** Statuses that count as success; default: any 2xx or 3xx. */
  expectStatus: z.array(z.number().int().min(100).max(599)).min(1).optional(),
  /**
   * The response acknowledges a write: its JSON `{ id, version }` goes into
   * the integrity ledger, and every acknowledged write is read back after the run.
   */
  ledger: z.boolean().optional(),
});
export type RequestSpec = z.output<typeof RequestSpec>;

export const ScriptSpec = z.strictObject({
  /** Module exporting `async (vu: VuApi) => void`, relative to the scenario file. */
  file: z.string().min(1),
  export: z.string().min(1).optional(),
});

export const Workload = z
  .strictObject({
    /** The weighted request mix; or give a `script` for multi-step flows. */
    mix: z.array(RequestSpec).default([]),
    script: ScriptSpec.optional(),
    /** Think time between two iterations of one VU (closed model only). */
    thinkTime: Duration.optional(),
  })
  .refine((w) => w.mix.length > 0 !== (w.script !== undefined), {
    message: 'give exactly one of workload.mix (non-empty) or workload.script',
    path: ['mix'],
  });

export const EngineOptions = z.strictObject({
  /** Load-generator worker threads, one per core (default 1). */
  workers: PositiveInt.max(64).default(1),
  /** HTTP client: `lean` (raw sockets, default) or `undici`. */
  client: z.enum(['lean', 'undici']).default('lean'),
});
export type Workload = z.output<typeof Workload>;

// ------------------------------------------------------------------ targets

/** A built-in architecture from `targets/`, optionally with parameter overrides. */
export const ArchTarget = z.strictObject({
  arch: Name,
  /** Name shown in results; defaults to the architecture name. */
  name: Name.optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const LoopbackUrl = z.url().refine(
  (u) => {
    try {
      const host = new URL(u).hostname;
      return LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
    } catch {
      return false;
    }
  },
  {
    message:
      'harness only sends traffic to this machine: use http://127.0.0.1:<port> or http://localhost:<port>',
  },
);

/** A service that is already running on this machine. */
export const UrlTarget = z.strictObject({
  name: Name,
  url: LoopbackUrl,
  /** Health path or URL probed before the load starts (default: none). */
  health: z.string().optional(),
});

/** A service harness starts with a shell command, waits for and stops. */
export const CommandTarget = z.strictObject({
  name: Name,
  command: z.string().min(1),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
  /** Port the service listens on, on 127.0.0.1, passed to the command as $PORT (default: a free port). */
  port: z.number().int().min(1).max(65535).optional(),
  /** Health path (e.g. `/health`) or URL; without it, readiness is an open TCP port. */
  health: z.string().optional(),
  startTimeout: Duration.default('30s'),
});

export const TargetSpec = z.union([z.string().pipe(Name), ArchTarget, UrlTarget, CommandTarget]);
export type TargetSpec = z.output<typeof TargetSpec>;

// --------------------------------------------------------------- thresholds

/** k6 thresholds: `metric` or `metric{tag:value}` → expressions (see thresholds/parse.ts). */
export const ThresholdEntry = z.union([
  z.string(),
  z.strictObject({
    threshold: z.string(),
    abortOnFail: z.boolean().default(false),
    delayAbortEval: Duration.optional(),
  }),
]);
export const Thresholds = z.record(z.string(), z.array(ThresholdEntry).min(1));
export type ThresholdsConfig = z.output<typeof Thresholds>;

// ----------------------------------------------------------------- scenario

export const Dataset = z.strictObject({
  /** Number of items seeded (keys 1..items). */
  items: NonNegativeInt.default(1000),
  /** Size in bytes of each item's value. */
  valueSize: PositiveInt.default(100),
});

export const HttpOptions = z.strictObject({
  /** Per-request timeout (k6 default 60s). */
  timeout: Duration.default('10s'),
  /** Maximum open connections per target (default: one per VU). */
  maxConnections: PositiveInt.optional(),
});

/** A named fault schedule: faults on the load timeline of every cell it applies to. */
export const FaultSchedule = z.strictObject({
  description: z.string().optional(),
  /** Absent or empty: a no-fault cell, the reference for the others. */
  faults: z.array(FaultSpec).optional(),
  /** Only these targets (by name); default: every target. */
  targets: z.array(Name).min(1).optional(),
});
export type FaultScheduleConfig = z.output<typeof FaultSchedule>;

/**
 * Parameter sweeps: `{ 'replicated.apps': [1, 2, 4] }` runs the target once
 * per value, as its own target (`replicated[apps=2]`), so a capacity profile
 * measures capacity against N and the run fits the Universal Scalability Law
 * to it (`RunResults.scaling`). The key is a target's name, a dot, and one of
 * its architecture's parameters; one swept parameter per target. Checked
 * against the architecture before anything starts (validate.ts).
 */
export const SWEEP_KEY = /^([A-Za-z0-9][A-Za-z0-9_.-]*)\.([A-Za-z][A-Za-z0-9_]*)$/;
export const Sweep = z.record(
  z.string().regex(SWEEP_KEY, {
    message: 'expected "<target>.<parameter>", e.g. "replicated.apps"',
  }),
  z
    .array(z.union([z.number(), z.string(), z.boolean()]))
    .min(1)
    .refine((values) => new Set(values).size === values.length, { message: 'expected distinct values' }),
);
export type SweepConfig = z.output<typeof Sweep>;

/**
 * Load run after seeding and before the measured profile, kept out of the
 * cell's figures, thresholds and analysis (`cells[].warmup` in results): a
 * duration runs the profile's own load for that long (an arrival-rate profile
 * at its first stage's rate, a VU profile with its first stage's VUs);
 * `{ duration, rate }` runs the whole mix at `rate`/s (open model) instead,
 * `{ duration, vus }` with that many looping VUs (closed model).
 */
export const Warmup = z.union([
  Duration,
  z
    .strictObject({
      duration: Duration,
      /** Iterations per second (open model). */
      rate: z.number().positive().optional(),
      /** Looping VUs (closed model). */
      vus: PositiveInt.optional(),
    })
    .refine((w) => w.rate === undefined || w.vus === undefined, {
      message: 'give rate (open model) or vus (closed model), not both',
      path: ['vus'],
    }),
]);
export type WarmupConfig = z.output<typeof Warmup>;

export const Scenario = z.strictObject({
  name: Name,
  description: z.string().optional(),
  targets: z.array(TargetSpec).min(1),
  /** Run a target once per value of one of its parameters (see `Sweep`). */
  sweep: Sweep.optional(),
  /**
   * The target every other one is compared with in the report's verdicts
   * (by name; default: the first target).
   */
  reference: Name.optional(),
  dataset: Dataset.default({ items: 1000, valueSize: 100 }),
  workload: Workload,
  /** Named load profiles, run one after another against each target. */
  profiles: z.record(Name, Profile).refine((p) => Object.keys(p).length > 0, {
    message: 'expected at least one profile',
  }),
  thresholds: Thresholds.optional(),
  /** Named fault schedules: every target × profile runs once per schedule. Absent: no faults. */
  schedules: z.record(Name, FaultSchedule).optional(),
  http: HttpOptions.default({ timeout: '10s' }),
  engine: EngineOptions.default({ workers: 1, client: 'lean' }),
  /** How many times each target × profile cell is repeated. */
  trials: PositiveInt.default(1),
  /** Load after seeding, before the measured profile, left out of every figure (see `Warmup`). */
  warmup: Warmup.default('0s'),
});

/** What a scenario file exports (before defaults are applied). */
export type ScenarioInput = z.input<typeof Scenario>;
/** A validated scenario with every default filled in. */
export type ScenarioConfig = z.output<typeof Scenario>;
