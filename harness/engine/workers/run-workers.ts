/**
 * The engine's side of a multi-core run: one worker thread per share of the
 * plan, started together at one common instant once all are warm; their
 * interval samples merged per interval index into one sample for the sink;
 * an abort relayed to every worker; every worker gone before it returns.
 */
import { Worker } from 'node:worker_threads';
import type { IntervalSample } from '../../../model/index.ts';
import { InvalidInputError } from '../../../model/index.ts';
import { GeneratorVerdict } from '../generator-verdict.ts';
import type { HttpClientName } from '../local-run.ts';
import { openMaxVus, planExecutor, runModel } from '../plan/index.ts';
import { mergeIntervalSamples } from '../recorder/merge-samples.ts';
import type { EngineRunRequest, EngineRunResult } from '../types.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.ts';

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);
const ENTRY = new URL('./worker-main.ts', import.meta.url).href;
/** Margin between "all workers ready" and the common start, for the start message to arrive. */
const START_MARGIN_MS = 20;

interface WorkerState {
  worker: Worker;
  ready: boolean;
  done: boolean;
  /** Samples received, by interval index, not yet merged. */
  samples: Map<number, IntervalSample>;
  result?: EngineRunResult;
  failure?: Error;
}

export async function runInWorkers(
  request: EngineRunRequest,
  o: { client: HttpClientName; seed: number | undefined },
): Promise<EngineRunResult> {
  const count = Math.max(1, Math.floor(request.workers ?? 1));
  // Every scenario is shared over the workers (sharePlan in each), so the union of their plans is this.
  const plans = request.scenarios.map((s) => planExecutor(s.executor));
  const intervalMs = request.intervalMs ?? 1000;
  const { sink, signal, workers: _w, script, ...rest } = request;
  const states: WorkerState[] = [];
  const verdict = new GeneratorVerdict(intervalMs, openMaxVus(plans), count);
  let cpu = process.cpuUsage();
  let cpuAt = performance.now();
  let nextIndex = 0;
  let startedAt = Date.now();

  const send = (s: WorkerState, m: ToWorker): void => {
    if (!s.done) s.worker.postMessage(m);
  };
  const onAbort = (): void => {
    for (const s of states) send(s, { type: 'abort' });
  };

  /** Merges and emits every interval that all live workers have reported. */
  const drain = (): void => {
    for (;;) {
      const parts: IntervalSample[] = [];
      let complete = true;
      for (const s of states) {
        const sample = s.samples.get(nextIndex);
        if (sample !== undefined) parts.push(sample);
        else if (!s.done) complete = false;
      }
      if (!complete || parts.length === 0) return;
      for (const s of states) s.samples.delete(nextIndex);
      const merged = mergeIntervalSamples(parts);
      merged.ts = startedAt + nextIndex * intervalMs;
      // CPU is one process's, whatever the threads: measured here, over the merged interval.
      const now = performance.now();
      const used = process.cpuUsage(cpu);
      cpu = process.cpuUsage();
      if (merged.generator !== undefined)
        merged.generator.cpuCores =
          Math.round(((used.user + used.system) / 1000 / Math.max(1, now - cpuAt)) * 100) / 100;
      cpuAt = now;
      nextIndex++;
      sink.onInterval(merged);
      verdict.observe(merged);
    }
  };

  const finished = Promise.all(
    Array.from({ length: count }, (_, index) => {
      const setup: WorkerSetup = {
        entry: ENTRY,
        index,
        count,
        request: rest,
        client: o.client,
        seed: o.seed,
        ...(script === undefined ? {} : { script }),
      };
      const worker = new Worker(BOOTSTRAP, { workerData: setup });
      const state: WorkerState = { worker, ready: false, done: false, samples: new Map() };
      states.push(state);
      return new Promise<void>((resolve) => {
        worker.on('message', (m: FromWorker) => {
          switch (m.type) {
            case 'ready':
              state.ready = true;
              if (states.length === count && states.every((s) => s.ready)) {
                const at = performance.timeOrigin + performance.now() + START_MARGIN_MS;
                startedAt = Math.round(at);
                cpu = process.cpuUsage();
                cpuAt = at - performance.timeOrigin;
                for (const s of states) send(s, { type: 'start', at });
              }
              break;
            case 'interval':
              state.samples.set(m.index, m.sample);
              drain();
              break;
            case 'ledger':
              sink.onLedger?.(m.entries);
              break;
            case 'done':
              state.result = m.result;
              break;
            case 'failed':
              state.failure =
                m.name === 'InvalidInputError' && Array.isArray(m.problems)
                  ? new InvalidInputError(undefined, m.problems as never)
                  : new Error(`engine worker ${index} failed: ${m.message}`);
              break;
          }
        });
        worker.once('error', (err) => {
          state.failure ??= err;
        });
        worker.once('exit', () => {
          state.done = true;
          // A worker that failed takes the others down: no half-measured run.
          if (state.failure !== undefined) onAbort();
          drain();
          resolve();
        });
      });
    }),
  );

  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  try {
    await finished;
  } finally {
    signal.removeEventListener('abort', onAbort);
    await Promise.all(states.map((s) => s.worker.terminate()));
  }
  drain();
  const failure =
    states.find((s) => s.failure !== undefined)?.failure ??
    (states.some((s) => s.result === undefined)
      ? new Error('an engine worker exited without a result')
      : undefined);
  if (failure !== undefined) throw failure;
  const results = states.map((s) => s.result!);
  const notes = verdict.notes();
  // The workers' own verdicts saw one share each (and the whole process's CPU): only their script notes count.
  for (const r of results)
    for (const n of r.generatorNotes) if (n.startsWith('the script') && !notes.includes(n)) notes.push(n);
  return {
    model: runModel(plans),
    startedAt,
    endedAt: Date.now(),
    aborted: results.some((r) => r.aborted),
    generatorBound: verdict.generatorBound,
    generatorNotes: notes,
    vuPoolNotes: verdict.vuPoolNotes(),
  };
}
