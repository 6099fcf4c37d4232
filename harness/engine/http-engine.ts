import { type HttpClientName, runLocal } from './local-run.ts';
import { loadScript } from './script/load-script.ts';
import type { EngineRunRequest, EngineRunResult, LoadEngine } from './types.ts';
import { runInWorkers } from './workers/run-workers.ts';
import { compileWorkload } from './workload/compile.ts';

export { type HttpClientName, httpClients } from './local-run.ts';

export interface HttpEngineOptions {
  /** Seed for the request mix and key distributions (default: random). */
  seed?: number;
  /** HTTP client: `lean` (HTTP/1.1 on raw sockets, the default) or `undici` (the reference). */
  client?: HttpClientName;
}

/**
 * The built-in engine: HTTP/1.1 keep-alive connections, one event loop per
 * thread. It plans each scenario's executor, runs them at once (closed or
 * open model each) on this thread or split over worker threads, flushes a sample per interval and
 * stops on the signal.
 */
export class HttpEngine implements LoadEngine {
  readonly name = 'http';

  constructor(private readonly options: HttpEngineOptions = {}) {}

  async run(request: EngineRunRequest): Promise<EngineRunResult> {
    const client = this.options.client ?? 'lean';
    const seed = request.seed ?? this.options.seed;
    // Invalid input fails here, on the calling thread, before any worker or socket exists.
    const script = request.script === undefined ? undefined : await loadScript(request.script);
    if (request.scenarios.length === 0) throw new Error('an engine run needs at least one scenario');
    if (script === undefined)
      for (const s of request.scenarios) compileWorkload(s.workload, request.dataset, { seed });
    if ((request.workers ?? 1) > 1) return runInWorkers(request, { client, seed });
    const { workers: _workers, script: _script, ...local } = request;
    return runLocal(local, {
      client,
      seed,
      share: { index: 0, count: 1 },
      ...(script === undefined ? {} : { script }),
    });
  }
}
