/**
 * One engine run on the calling thread: plan each scenario (or this worker's
 * share of it), compile its workload, warm the connections, run the
 * scenarios' executors at once, flush a sample per interval, stop on the signal. The single-thread engine and each
 * worker thread both run this.
 */
import type { LedgerEntry } from '../../model/index.ts';
import { GeneratorVerdict } from './generator-verdict.ts';
import type { HttpClient, HttpClientOptions } from './http/client.ts';
import { LeanClient } from './http/lean/lean-client.ts';
import type { RunContext } from './http/run-context.ts';
import {
  maxVusOf,
  openMaxVus,
  planScenarios,
  runModel,
  type Share,
  scenarioVu,
  shareScenarios,
} from './plan/index.ts';
import type { ExecutorPlan } from './plan/types.ts';
import { IntervalRecorder } from './recorder/interval-recorder.ts';
import { ClosedRunner } from './runners/closed-runner.ts';
import { OpenRunner } from './runners/open-runner.ts';
import type { Runner } from './runners/runner.ts';
import { ScenarioSet } from './runners/scenario-set.ts';
import { type ScriptEnv, ScriptVu } from './script/script-vu.ts';
import type { VuKeySpec, VuScript } from './script/vu-api.ts';
import { SelfWatch } from './self-watch.ts';
import type { EngineRunRequest, EngineRunResult } from './types.ts';
import { Vu } from './vu.ts';
import { compileWorkload } from './workload/compile.ts';
import { createKeyGenerator, type KeyGenerator } from './workload/key-generator.ts';
import { createRng } from './workload/rng.ts';

export type HttpClientName = 'lean' | 'undici';

/** The HTTP clients behind the engine's client seam, by name (undici loaded only when chosen). */
export const httpClients = {
  lean: async (o: HttpClientOptions): Promise<HttpClient> => new LeanClient(o),
  undici: async (o: HttpClientOptions): Promise<HttpClient> =>
    new (await import('./http/undici-client.ts')).UndiciClient(o),
} satisfies Record<HttpClientName, (o: HttpClientOptions) => Promise<HttpClient>>;

export type LocalRunRequest = Omit<EngineRunRequest, 'workers' | 'script'>;

export interface LocalRunOptions {
  client: HttpClientName;
  seed: number | undefined;
  share: Share;
  /** The script's iteration function, already loaded. */
  script?: VuScript;
  /**
   * Worker threads: called once the connections are warm; resolves with the
   * common start instant (epoch ms, fractional), so every worker's intervals
   * line up.
   */
  awaitStart?: () => Promise<number>;
}

/** How long warming the connections may take before the run starts anyway. */
const WARM_WITHIN_MS = 1000;

/** Connections worth opening before the start: those the first moments will need. */
function warmConnections(plan: ExecutorPlan): number {
  if (plan.startTimeMs > 0) return 0;
  if (plan.model === 'open')
    return Math.min(plan.preAllocatedVUs, Math.max(4, Math.ceil(plan.peakRatePerSec * 0.005)));
  return plan.steps[0]?.vus ?? 0;
}

export async function runLocal(request: LocalRunRequest, o: LocalRunOptions): Promise<EngineRunResult> {
  const scenarios = request.scenarios;
  const planned = shareScenarios(planScenarios(scenarios), o.share);
  const plans = planned.map((p) => p.plan);
  const seed = o.seed === undefined ? undefined : (o.seed + o.share.index * 0x9e3779b9) >>> 0;
  // Scenario 0 keeps the run's seed (a single-executor run draws as it always did); the others their own.
  const workloads = scenarios.map((s, i) =>
    compileWorkload(s.workload, request.dataset, {
      seed: seed === undefined ? undefined : (seed + i * 0x85ebca6b) >>> 0,
    }),
  );
  const intervalMs = request.intervalMs ?? 1000;
  // One client (connection pool) per origin: scenarios with their own base URL (a region's entry) get
  // theirs, sized by their own VUs, or by their share of this thread's `maxConnections`.
  const origins = scenarios.map((s) => new URL(s.baseUrl ?? request.baseUrl));
  const perThread =
    request.http.maxConnections === undefined
      ? undefined
      : Math.max(1, Math.ceil(request.http.maxConnections / o.share.count));
  const clients = new Map<string, HttpClient>();
  for (const origin of origins) {
    if (clients.has(origin.origin)) continue;
    const mine = plans.filter((_, k) => origins[k]!.origin === origin.origin);
    const maxConnections =
      perThread === undefined
        ? Math.max(
            1,
            mine.reduce((n, p) => n + maxVusOf(p), 0),
          )
        : Math.max(1, Math.ceil((perThread * mine.length) / plans.length));
    // The lean client speaks plain HTTP/1.1; a TLS origin goes through undici.
    const clientName = origin.protocol === 'https:' ? 'undici' : o.client;
    const client = await httpClients[clientName]({
      origin,
      maxConnections,
      connectTimeoutMs: request.http.timeoutMs,
      timeoutMs: request.http.timeoutMs,
    });
    clients.set(origin.origin, client);
    const warm = mine.reduce((n, p) => n + warmConnections(p), 0);
    if (!request.signal.aborted) await client.warm(Math.min(warm, maxConnections), WARM_WITHIN_MS);
  }
  const origin = origins[0]!;
  let t0: number;
  let startedAt: number;
  if (o.awaitStart !== undefined) {
    const epoch = await o.awaitStart();
    t0 = epoch - performance.timeOrigin;
    startedAt = Math.round(epoch);
  } else {
    t0 = performance.now();
    startedAt = Date.now();
  }

  const selfWatch = new SelfWatch();
  const verdict = new GeneratorVerdict(intervalMs, openMaxVus(plans));
  const ledger: LedgerEntry[] = [];
  const flushLedger = (): void => {
    if (ledger.length === 0) return;
    request.sink.onLedger?.(ledger.splice(0));
  };
  const named = scenarios.every((s) => s.name !== undefined);
  let set: ScenarioSet | undefined;
  const recorder = new IntervalRecorder({
    names: [],
    serviceTime: plans.some((p) => p.model === 'open'),
    ...(named ? { scenarios: scenarios.map((s) => s.name!) } : {}),
    startedAt,
    t0,
    intervalMs,
    gauges: (durationMs) => {
      const each = set?.scenarioGauges() ?? [];
      let vus = 0;
      let vusMax = 0;
      for (const g of each) {
        vus += g.vus;
        vusMax += g.vusMax;
      }
      return { vus, vusMax, scenarios: each, generator: selfWatch.sample(durationMs) };
    },
    onSample: (sample) => {
      verdict.observe(sample);
      flushLedger();
    },
    sink: request.sink,
  });
  const env =
    o.script === undefined ? undefined : scriptEnv(o.script, origin.origin, request.dataset.items, seed);
  const epochOf = (at: number): number => startedAt + (at - t0);
  const runs = planned.map((scenarioPlan, i) => {
    const { plan } = scenarioPlan;
    const open = plan.model === 'open';
    const workload = workloads[i]!;
    const ctx: RunContext = {
      client: clients.get(origins[i]!.origin)!,
      workload,
      recorder,
      // A script names its requests as it goes; the mix's names are known now.
      slots: o.script === undefined ? workload.requests.map((r) => recorder.slotOf(r.name, open)) : [],
      scenario: named ? i : 0,
      timeoutMs: request.http.timeoutMs,
      open,
      pathPrefix: origins[i]!.pathname.replace(/\/+$/, ''),
      ledger,
      epochOf,
      // VU numbers as k6: unique across scenarios (and threads).
      vuId: (local) => scenarioVu(scenarioPlan, local, o.share),
      createVu: (id, host) => (env === undefined ? new Vu(id, ctx, host) : new ScriptVu(id, ctx, env, host)),
    };
    const runner: Runner = plan.model === 'open' ? new OpenRunner(plan, ctx) : new ClosedRunner(plan, ctx);
    return { plan, runner };
  });
  set = new ScenarioSet(runs);
  const active = set;

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
  const sweep = setInterval(() => active.checkTimeouts(performance.now()), sweepMs);
  let aborted = false;
  const onAbort = (): void => {
    aborted = true;
    active.abort();
  };

  selfWatch.start();
  scheduleFlush();
  try {
    if (request.signal.aborted) onAbort();
    else {
      request.signal.addEventListener('abort', onAbort, { once: true });
      active.start(t0);
    }
    await active.done;
  } finally {
    request.signal.removeEventListener('abort', onAbort);
    active.clearStarts();
    clearTimeout(flushTimer);
    clearInterval(sweep);
    await Promise.all([...clients.values()].map((c) => c.destroy().catch(() => undefined)));
    recorder.finish(performance.now());
    flushLedger();
    selfWatch.stop();
  }
  const notes = verdict.notes();
  if (env?.firstError !== undefined)
    notes.push(`the script threw in some iterations, first: ${env.firstError}`);
  return {
    model: runModel(plans),
    startedAt,
    endedAt: Date.now(),
    aborted,
    generatorBound: verdict.generatorBound,
    generatorNotes: notes,
    vuPoolNotes: verdict.vuPoolNotes(),
  };
}

/** Key generators for `vu.key()`, one per distinct spec, shared by the VUs of this thread. */
function scriptEnv(fn: VuScript, origin: string, items: number, seed: number | undefined): ScriptEnv {
  const rng = createRng(seed);
  const generators = new Map<string, KeyGenerator>();
  return {
    fn,
    origin,
    firstError: undefined,
    key(spec: VuKeySpec | undefined): number {
      const id = spec === undefined ? 'uniform' : typeof spec === 'string' ? spec : JSON.stringify(spec);
      let g = generators.get(id);
      if (g === undefined) {
        const keySpec = typeof spec === 'string' ? { dist: spec } : { dist: 'uniform' as const, ...spec };
        g = createKeyGenerator(keySpec, items, rng, 'vu.key()');
        generators.set(id, g);
      }
      return g();
    },
  };
}
