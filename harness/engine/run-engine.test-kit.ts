/**
 * Shared by the engine's component tests: run the http engine with parsed
 * executor and workload input and collect what it emitted.
 */
import { Executor, Workload } from '../../model/index.ts';
import { CollectingSink } from './collecting-sink.ts';
import { engines, type HttpClientName } from './index.ts';
import type { EngineRunResult } from './types.ts';

export interface KitRun {
  result: EngineRunResult;
  sink: CollectingSink;
  elapsedMs: number;
}

const DEFAULT_WORKLOAD = { mix: [{ name: 'get', path: '/items/{key}' }] };

export async function runEngine(opts: {
  baseUrl: string;
  executor?: unknown;
  workload?: unknown;
  /** Named scenarios run at once, instead of `executor` and `workload`. */
  scenarios?: { name: string; executor: unknown; workload?: unknown; baseUrl?: string }[];
  items?: number;
  timeoutMs?: number;
  maxConnections?: number;
  intervalMs?: number;
  signal?: AbortSignal;
  workers?: number;
  script?: { file: string; export?: string };
  client?: HttpClientName;
}): Promise<KitRun> {
  const sink = new CollectingSink();
  const t = performance.now();
  const result = await engines.http({ seed: 1, client: opts.client ?? 'lean' }).run({
    scenarios: opts.scenarios?.map((s) => ({
      name: s.name,
      executor: Executor.parse(s.executor),
      workload: Workload.parse(s.workload ?? DEFAULT_WORKLOAD),
      ...(s.baseUrl === undefined ? {} : { baseUrl: s.baseUrl }),
    })) ?? [
      {
        executor: Executor.parse(opts.executor),
        workload: Workload.parse(opts.workload ?? DEFAULT_WORKLOAD),
      },
    ],
    dataset: { items: opts.items ?? 100 },
    baseUrl: opts.baseUrl,
    http: { timeoutMs: opts.timeoutMs ?? 5000, maxConnections: opts.maxConnections },
    sink,
    signal: opts.signal ?? new AbortController().signal,
    intervalMs: opts.intervalMs,
    ...(opts.workers === undefined ? {} : { workers: opts.workers }),
    ...(opts.script === undefined ? {} : { script: opts.script }),
  });
  return { result, sink, elapsedMs: performance.now() - t };
}

/** Exact percentile (nearest rank, as HdrHistogram) of raw values. */
export function exactPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}
