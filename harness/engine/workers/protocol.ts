/**
 * The messages between the engine and its worker threads, as one typed
 * discriminated union each way (artillery's worker protocol), never
 * free-form event strings.
 */
import type { IntervalSample, LedgerEntry } from '../../../model/index.ts';
import type { HttpClientName, LocalRunRequest } from '../local-run.ts';
import type { EngineRunResult } from '../types.ts';

/** What a worker is started with (workerData): its share of the run, all of it cloneable. */
export interface WorkerSetup {
  /** The worker module to import (bootstrap.mjs registers tsx, then imports this). */
  entry: string;
  index: number;
  count: number;
  request: Omit<LocalRunRequest, 'sink' | 'signal'>;
  client: HttpClientName;
  seed: number | undefined;
  script?: { file: string; export?: string };
}

/** Engine → worker. */
export type ToWorker =
  | { type: 'start' /** epoch ms (fractional) at which the run's clock starts */; at: number }
  | { type: 'abort' };

/** Worker → engine. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'interval'; index: number; sample: IntervalSample }
  | { type: 'ledger'; entries: LedgerEntry[] }
  | { type: 'done'; result: EngineRunResult }
  | { type: 'failed'; message: string; name: string; problems?: unknown };
