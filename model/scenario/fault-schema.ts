/**
 * The fault model: one zod schema, discriminated by `kind`, strict about
 * unknown keys. A fault says *what* (kind and parameters), *where* (a
 * component instance, or an edge of the topology) and *when* (`at`, from the
 * start of the load, and for how long).
 *
 * Timeline durations (`at`, `duration`, `restartAfter`) follow
 * `--duration-scale`; magnitudes (`latency`, `timeout`, `after`, `delay`) do not.
 */
import { z } from 'zod';
import { DURATION_PATTERN } from '../duration.ts';

/** k6 duration (`500ms`, `30s`, `1m30s`). Defined here, not imported, so the scenario schema can import this file. */
const Duration = z
  .string()
  .regex(DURATION_PATTERN, { message: 'expected a duration such as "500ms", "30s", "1m30s" or "2h"' });
const Positive = Duration.refine((d) => d !== '0' && !/^(0+(\.0+)?(ms|s|m|h))+$/.test(d), {
  message: 'must be longer than 0',
});
const Name = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, {
  message: 'expected a name of letters, digits, "-", "_" or "."',
});
const ComponentName = z.string().min(1);
const Index = z.number().int().nonnegative();

/** `app->postgres`: the connections `app` opens to `postgres` (an entry of app's `uses`). */
export const EDGE_PATTERN = /^([A-Za-z0-9._-]+)->([A-Za-z0-9._-]+)$/;
const EdgeRef = z.string().regex(EDGE_PATTERN, { message: 'expected an edge such as "app->postgres"' });

const common = {
  /** When to apply, from the start of the load. */
  at: Duration,
  /** A label for reports; default `<kind> <target>`. */
  name: Name.optional(),
};

/** Reversible faults: absent = until the schedule stops (the end of the cell's load). */
const lasting = { ...common, duration: Positive.optional() };

/** Selector of process and resource faults: one instance (default 0) or all of them. */
const instanceSelector = {
  target: ComponentName,
  instance: z.union([Index, z.literal('all')]).optional(),
};

/**
 * Selector of toxic network faults: the proxies of one edge (all instances of its `to`, or one),
 * or — `target` — of every proxied edge into a component (a database far from all its clients).
 */
const edgeSelector = {
  edge: EdgeRef.optional(),
  target: ComponentName.optional(),
  /** Every edge between a component of this region and one of another (the region's links). */
  region: Name.optional(),
  /** Index of the `to` instance whose proxy gets the fault; default every instance. */
  instance: Index.optional(),
  /** `upstream` = from → to (requests), `downstream` = to → from (responses). Default both. */
  direction: z.enum(['both', 'upstream', 'downstream']).optional(),
  /** Fraction of connections (0..1) the toxic applies to, rolled per connection. Default 1. */
  toxicity: z.number().min(0).max(1).optional(),
};

// ------------------------------------------------------------ process faults

export const KillFault = z.strictObject({
  kind: z.literal('kill'),
  ...common,
  ...instanceSelector,
  /** SIGKILL, then start it again (same port, same data) after this long; absent = stays dead. */
  restartAfter: Positive.optional(),
});
export const StopFault = z.strictObject({
  kind: z.literal('stop'),
  ...common,
  ...instanceSelector,
  /** Graceful stop (SIGTERM, SIGINT for Postgres), then start again after this long. */
  restartAfter: Positive.optional(),
});
export const PauseFault = z.strictObject({ kind: z.literal('pause'), ...lasting, ...instanceSelector });
export const RestartFault = z.strictObject({ kind: z.literal('restart'), ...common, ...instanceSelector });

// ------------------------------------------------------------ network faults (edge proxies)

/** Exactly one of `edge`, `target` and `region`. */
function edgeOrTarget(
  f: { edge?: string | undefined; target?: string | undefined; region?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  const given = [f.edge, f.target, f.region].filter((x) => x !== undefined).length;
  if (given !== 1) {
    ctx.addIssue({ code: 'custom', path: ['edge'], message: 'give one of "edge", "target" or "region"' });
  }
}

export const LatencyFault = z
  .strictObject({
    kind: z.literal('latency'),
    ...lasting,
    ...edgeSelector,
    /** Added to every request–response round trip (with direction `both`: half each way). */
    latency: Duration,
    jitter: Duration.optional(),
  })
  .superRefine(edgeOrTarget);
export const BandwidthFault = z
  .strictObject({
    kind: z.literal('bandwidth'),
    ...lasting,
    ...edgeSelector,
    /** KB/s (1000 bytes), per connection and direction — Toxiproxy's `rate`. */
    rateKbps: z.number().positive(),
  })
  .superRefine(edgeOrTarget);
export const TimeoutFault = z
  .strictObject({
    kind: z.literal('timeout'),
    ...lasting,
    ...edgeSelector,
    /** Data stops; connections close after this long (`0`: held open until the revert). */
    timeout: Duration,
  })
  .superRefine(edgeOrTarget);
export const ResetFault = z
  .strictObject({
    kind: z.literal('reset'),
    ...lasting,
    ...edgeSelector,
    /** TCP RST this long after a connection's next data (default at once). */
    after: Duration.optional(),
  })
  .superRefine(edgeOrTarget);
export const SlicerFault = z
  .strictObject({
    kind: z.literal('slicer'),
    ...lasting,
    ...edgeSelector,
    averageSize: z.number().int().positive(),
    sizeVariation: z.number().int().nonnegative().optional(),
    delayUs: z.number().int().nonnegative().optional(),
  })
  .superRefine(edgeOrTarget);
export const LimitDataFault = z
  .strictObject({
    kind: z.literal('limit-data'),
    ...lasting,
    ...edgeSelector,
    /** A connection is closed after this many bytes (per direction). */
    bytes: z.number().int().positive(),
  })
  .superRefine(edgeOrTarget);
export const SlowCloseFault = z
  .strictObject({
    kind: z.literal('slow-close'),
    ...lasting,
    ...edgeSelector,
    delay: Duration,
  })
  .superRefine(edgeOrTarget);
export const DropFault = z
  .strictObject({
    kind: z.literal('drop'),
    ...lasting,
    ...edgeSelector,
    /** Chance (0..1) a chunk is "lost": delivered after a retransmission delay, holding what follows. */
    probability: z.number().min(0).max(1),
  })
  .superRefine(edgeOrTarget);
export const DownFault = z.strictObject({
  kind: z.literal('down'),
  ...lasting,
  edge: EdgeRef,
  instance: Index.optional(),
});
/**
 * Both directions cut: on one edge, on every proxied edge into a component
 * (`target`), or on every link of a region (`region`: cut off from the others).
 */
export const PartitionFault = z
  .strictObject({
    kind: z.literal('partition'),
    ...lasting,
    edge: EdgeRef.optional(),
    target: ComponentName.optional(),
    region: Name.optional(),
    instance: Index.optional(),
    /** Live connections: `freeze` (default, nothing moves, nothing closes) or `close`. */
    existing: z.enum(['freeze', 'close']).optional(),
  })
  .superRefine(edgeOrTarget);

// ------------------------------------------------------------ resource faults

export const CpuThrottleFault = z.strictObject({
  kind: z.literal('cpu-throttle'),
  ...lasting,
  ...instanceSelector,
  /** CPU the instance may use, in cores (0.5 = half of one core), via a cgroup quota. */
  cpus: z.number().positive().max(1024),
});
export const MemoryLimitFault = z
  .strictObject({
    kind: z.literal('memory-limit'),
    ...lasting,
    ...instanceSelector,
    bytes: z.number().int().positive().optional(),
    mb: z.number().positive().optional(),
  })
  .superRefine((f, ctx) => {
    if ((f.bytes === undefined) === (f.mb === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['bytes'], message: 'give either "bytes" or "mb"' });
    }
  });
export const CpuHogFault = z.strictObject({
  kind: z.literal('cpu-hog'),
  ...lasting,
  ...instanceSelector,
  /** Busy-loop processes started beside the instance (default 1). */
  workers: z.number().int().positive().max(256).optional(),
});

export const FaultSpec = z.discriminatedUnion('kind', [
  KillFault,
  StopFault,
  PauseFault,
  RestartFault,
  LatencyFault,
  BandwidthFault,
  TimeoutFault,
  ResetFault,
  SlicerFault,
  LimitDataFault,
  SlowCloseFault,
  DropFault,
  DownFault,
  PartitionFault,
  CpuThrottleFault,
  MemoryLimitFault,
  CpuHogFault,
]);

export type FaultSpec = z.output<typeof FaultSpec>;
export type FaultInput = z.input<typeof FaultSpec>;
export type FaultKind = FaultSpec['kind'];
export type FaultOf<K extends FaultKind> = Extract<FaultSpec, { kind: K }>;

export const processKinds = ['kill', 'stop', 'pause', 'restart'] as const;
export const toxicKinds = [
  'latency',
  'bandwidth',
  'timeout',
  'reset',
  'slicer',
  'limit-data',
  'slow-close',
  'drop',
] as const;
export const resourceKinds = ['cpu-throttle', 'memory-limit', 'cpu-hog'] as const;

export type ProcessFault = FaultOf<(typeof processKinds)[number]>;
export type ToxicFault = FaultOf<(typeof toxicKinds)[number]>;
export type ResourceFault = FaultOf<(typeof resourceKinds)[number]>;
/** Faults that go through edge proxies. */
export type NetworkFault = ToxicFault | FaultOf<'down'> | FaultOf<'partition'>;

export const isToxicFault = (f: FaultSpec): f is ToxicFault =>
  (toxicKinds as readonly string[]).includes(f.kind);
export const isNetworkFault = (f: FaultSpec): f is NetworkFault =>
  isToxicFault(f) || f.kind === 'down' || f.kind === 'partition';
export const isProcessFault = (f: FaultSpec): f is ProcessFault =>
  (processKinds as readonly string[]).includes(f.kind);
export const isResourceFault = (f: FaultSpec): f is ResourceFault =>
  (resourceKinds as readonly string[]).includes(f.kind);

/** `defineFaults([...])`: identity, for editor typing of fault lists kept in their own file. */
export function defineFaults(faults: FaultInput[]): FaultInput[] {
  return faults;
}
