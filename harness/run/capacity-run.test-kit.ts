/**
 * Fakes for capacity cells run through `runPlan` with no servers: a runtime
 * whose deployment has instances of given kinds, a target admin, and an
 * engine that plays a target with a service-rate limit — below `mu` req/s it
 * answers in `baseMs / (1 − ρ)`, at or past it latency runs away and only
 * `mu` get through — on a virtual clock, so a 20-step search takes
 * milliseconds. The generator's CPU grows with the rate (`generatorMax`:
 * the rate at which it saturates its core).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  ComponentKind,
  Deployment,
  Instance,
  IntegrityReport,
  LedgerEntry,
  RunResults,
  Runtime,
  Topology,
} from '../../model/index.ts';
import { parseDuration, SCHEMA_VERSION } from '../../model/index.ts';
import { intervalSample, spread } from '../../test/helpers/intervals.ts';
import type { EngineRunRequest, LoadEngine } from '../engine/index.ts';
import { buildRunPlan, type PlanOptions } from '../plan/plan.ts';
import { ResultsStore } from '../results/index.ts';
import { validateScenario } from '../scenario/validate.ts';
import type { MachineCpu } from './machine-cpu.ts';
import { combineObservers } from './observer.ts';
import { newCellResult, runPlan } from './orchestrator.ts';
import type { TargetAdmin } from './target-admin.ts';

export interface LimitedTarget {
  /** Service rate per topology name (`monolith`, or `monolith?poolSize=2` for a swept one), req/s. */
  mu: Record<string, number>;
  baseMs?: number;
  /** The generator saturates its core at this rate. */
  generatorMax?: number;
  /** Called with each rate the engine is asked to run (to abort mid-search, say). */
  onRun?: (rate: number) => void;
}

function fakeInstance(id: string, kind: ComponentKind): Instance {
  return {
    id,
    component: id.replace(/-\d+$/, ''),
    kind,
    index: 0,
    host: '127.0.0.1',
    port: 1,
    url: 'http://127.0.0.1:1',
    pid: 4242,
    kill: async () => {},
    pause: async () => {},
    resume: async () => {},
    restart: async () => {},
    isRunning: () => true,
    sample: async () => ({ ts: Date.now(), cpuCores: 0.5, rssBytes: 50 * 1024 * 1024 }),
  };
}

export function fakeRuntime(journal: string[]): Runtime {
  return {
    name: 'fake',
    async start(topology: Topology): Promise<Deployment> {
      journal.push(`start ${topology.name}`);
      const instances = [fakeInstance('app-0', 'service'), fakeInstance('postgres-0', 'postgres')];
      const deployment: Deployment = {
        runId: 'r',
        topology,
        entryUrl: `http://fake/${topology.name}`,
        instances,
        startTimes: { app: 12 },
        component: (name) => instances.filter((i) => i.component === name),
        stop: async () => void journal.push(`stop ${topology.name}`),
        [Symbol.asyncDispose]: () => deployment.stop(),
      };
      return deployment;
    },
  };
}

export function fakeAdmin(journal: string[]): TargetAdmin {
  return {
    seed: async (_url, dataset) => ({ items: dataset.items, ms: 1 }),
    verify: async (_url, ledger): Promise<IntegrityReport> => {
      journal.push(`verify ${ledger.length}`);
      return {
        checked: ledger.length,
        lost: 0,
        stale: 0,
        duplicated: 0,
        examples: { lost: [], stale: [], duplicated: [] },
      };
    },
    scrape: async () => ({}),
  };
}

/** The limited target as an engine; every run is one write acknowledged and `rate` requests a second. */
export function limitedEngine(t: LimitedTarget, journal: string[]): LoadEngine {
  let clock = Date.now();
  return {
    name: 'fake',
    async run(request: EngineRunRequest) {
      const executor = request.scenarios[0]!.executor;
      if (executor.executor !== 'constant-arrival-rate')
        throw new Error('capacity steps are constant-arrival-rate');
      const rate = executor.rate;
      const mu = t.mu[request.baseUrl.replace('http://fake/', '')] ?? 100;
      journal.push(`load ${rate}`);
      t.onRun?.(rate);
      clock = Math.max(clock, Date.now());
      const startedAt = clock;
      const seconds = Math.round(parseDuration(executor.duration) / 1000);
      const rho = rate / mu;
      const served = Math.round(Math.min(rate, mu));
      for (let i = 0; i < seconds && !request.signal.aborted; i++) {
        await new Promise((r) => setImmediate(r));
        const latency = rho < 1 ? (t.baseMs ?? 5) / (1 - rho) : 200 * (i + 1);
        request.sink.onInterval(
          intervalSample(
            startedAt + i * 1000,
            { read: { latenciesMs: spread(served, latency * 0.5, latency) } },
            {
              generator: {
                cpuCores: Math.min(1, rate / (t.generatorMax ?? 1e9)),
                eventLoopLagP99Ms: 1,
                eventLoopLagMaxMs: 2,
              },
            },
          ),
        );
      }
      const acked: LedgerEntry[] = [{ request: 'write', id: String(rate), version: 1, ackedAt: startedAt }];
      request.sink.onLedger?.(acked);
      clock = startedAt + seconds * 1000 + 1000;
      return {
        model: 'open' as const,
        startedAt,
        endedAt: clock,
        aborted: request.signal.aborted,
        generatorBound: false,
        generatorNotes: [],
        vuPoolNotes: [],
      };
    },
  };
}

/** A machine whose cores are always `busy` busy (by the wall clock). */
export function fakeMachine(cores: number, busy: number): MachineCpu {
  const t0 = Date.now();
  return { cores, busySeconds: () => ((Date.now() - t0) / 1000) * busy };
}

/** Validates `input`, plans it and runs it through `runPlan` with the fakes; cleans its directory up. */
export async function runWithFakes(
  input: Record<string, unknown>,
  fakes: {
    runtime: Runtime;
    engine: LoadEngine;
    admin: TargetAdmin;
    machine?: MachineCpu;
    sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  },
  opts: { signal?: AbortSignal; plan?: PlanOptions } = {},
): Promise<{ results: RunResults; logs: string[] }> {
  const validated = validateScenario(input, { knownArchitectures: () => [] });
  if (!validated.ok) throw new Error(JSON.stringify(validated.problems));
  const scenario = validated.config;
  const plan = buildRunPlan(scenario, opts.plan);
  const dir = mkdtempSync(join(tmpdir(), 'harness-capacity-'));
  const results: RunResults = {
    schemaVersion: SCHEMA_VERSION,
    runId: 'capacity-test',
    status: 'running',
    startedAt: Date.now(),
    scenario: { name: scenario.name, file: 'inline.ts', hash: 'x', config: scenario },
    options: { durationScale: 1, trials: 1, runtime: 'fake' },
    environment: {} as RunResults['environment'],
    cells: plan.cells.map(newCellResult),
  };
  const logs: string[] = [];
  try {
    await runPlan(scenario, plan, {
      // The rest between steps on the virtual clock: no real wait.
      sleep: async () => {},
      ...fakes,
      // A swept target's params show in its topology's name, so the fake engine can tell them apart.
      resolveArch: (name, params = {}) => ({
        name:
          Object.keys(params).length > 0
            ? `${name}?${new URLSearchParams(params as Record<string, string>)}`
            : name,
        description: name,
        entry: 'app',
        components: [{ name: 'app', kind: 'service' }],
      }),
      store: new ResultsStore(dir, results),
      observer: combineObservers([{ onLog: (l) => logs.push(l) }]),
      signal: opts.signal ?? new AbortController().signal,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { results, logs };
}
