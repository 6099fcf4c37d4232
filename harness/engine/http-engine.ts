import { Pool } from 'undici';
import type { LedgerEntry } from '../metrics/types.ts';
import { GeneratorVerdict } from './generator-verdict.ts';
import type { RunContext } from './http/run-context.ts';
import { planExecutor } from './plan/index.ts';
import { IntervalRecorder } from './recorder/interval-recorder.ts';
import { ClosedRunner } from './runners/closed-runner.ts';
import { OpenRunner } from './runners/open-runner.ts';
import type { Runner } from './runners/runner.ts';
import { SelfWatch } from './self-watch.ts';
import type { EngineRunRequest, EngineRunResult, LoadEngine } from './types.ts';
import { compileWorkload } from './workload/compile.ts';

export interface HttpEngineOptions {
  /** Seed for the request mix and key distributions (default: random). */
  seed?: number;
}

/**
 * The built-in engine: HTTP/1.1 over undici keep-alive pools, one event
 * loop. It plans the executor, runs it (closed or open model), flushes a
 * sample per interval and stops on the signal.
 */
export class HttpEngine implements LoadEngine {
  readonly name = 'http';

  constructor(private readonly options: HttpEngineOptions = {}) {}

  async run(request: EngineRunRequest): Promise<EngineRunResult> {
    const plan = planExecutor(request.executor);
    const workload = compileWorkload(request.workload, request.dataset, { seed: this.options.seed });
    const intervalMs = request.intervalMs ?? 1000;
    const origin = new URL(request.baseUrl);
    const maxVus = plan.model === 'open' ? plan.maxVUs : plan.maxVus;
    const pool = new Pool(origin.origin, {
      connections: request.http.maxConnections ?? Math.max(1, maxVus),
      pipelining: 1,
      connect: { timeout: request.http.timeoutMs },
    });

    const t0 = performance.now();
    const startedAt = Date.now();
    const selfWatch = new SelfWatch();
    const verdict = new GeneratorVerdict(intervalMs, plan.model === 'open' ? plan.maxVUs : undefined);
    const ledger: LedgerEntry[] = [];
    const flushLedger = (): void => {
      if (ledger.length === 0) return;
      request.sink.onLedger?.(ledger.splice(0));
    };
    let runner: Runner | undefined;
    const recorder = new IntervalRecorder({
      names: workload.requests.map((r) => r.name),
      serviceTime: plan.model === 'open',
      startedAt,
      t0,
      intervalMs,
      gauges: (durationMs) => ({
        ...(runner?.gauges() ?? {
          vus: 0,
          vusMax: plan.model === 'open' ? plan.preAllocatedVUs : plan.maxVus,
        }),
        generator: selfWatch.sample(durationMs),
      }),
      onSample: (sample) => {
        verdict.observe(sample);
        flushLedger();
      },
      sink: request.sink,
    });
    const ctx: RunContext = {
      pool,
      workload,
      recorder,
      timeoutMs: request.http.timeoutMs,
      open: plan.model === 'open',
      pathPrefix: origin.pathname.replace(/\/+$/, ''),
      fixedHeadBytes: `host: ${origin.host}\r\nconnection: keep-alive\r\n`.length,
      ledger,
      epochOf: (at) => startedAt + (at - t0),
    };
    runner = plan.model === 'open' ? new OpenRunner(plan, ctx) : new ClosedRunner(plan, ctx);
    const active = runner;

    // Interval flushes and the timeout sweep: two timers for the whole run, not one per request.
    let flushTimer: NodeJS.Timeout | undefined;
    const scheduleFlush = (): void => {
      flushTimer = setTimeout(
        () => {
          recorder.advance(performance.now());
          scheduleFlush();
        },
        Math.max(0, recorder.currentEnd - performance.now()),
      );
    };
    const sweepMs = Math.min(100, Math.max(5, request.http.timeoutMs / 20));
    const sweep = setInterval(() => {
      const now = performance.now();
      for (const vu of active.vus) vu.checkTimeout(now);
    }, sweepMs);
    let startTimer: NodeJS.Timeout | undefined;
    let aborted = false;
    const onAbort = (): void => {
      aborted = true;
      if (startTimer !== undefined) clearTimeout(startTimer);
      active.abort();
    };

    selfWatch.start();
    scheduleFlush();
    try {
      if (request.signal.aborted) onAbort();
      else {
        request.signal.addEventListener('abort', onAbort, { once: true });
        startTimer = setTimeout(() => {
          startTimer = undefined;
          active.start(t0 + plan.startTimeMs);
        }, plan.startTimeMs);
      }
      await active.done;
    } finally {
      request.signal.removeEventListener('abort', onAbort);
      if (startTimer !== undefined) clearTimeout(startTimer);
      clearTimeout(flushTimer);
      clearInterval(sweep);
      await pool.destroy().catch(() => undefined);
      recorder.finish(performance.now());
      flushLedger();
      selfWatch.stop();
    }
    return {
      model: plan.model,
      startedAt,
      endedAt: Date.now(),
      aborted,
      generatorBound: verdict.generatorBound,
      generatorNotes: verdict.notes(),
    };
  }
}
