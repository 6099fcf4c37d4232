/**
 * The orchestrator as a component: whole cells run through `runPlan` with a
 * fake runtime, engine and target admin — no servers, no sockets, well under
 * a second — so its steps (start → seed → warm-up → load with faults and
 * sampling → read back → conclude) and its teardown can be checked as behaviour.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  Deployment,
  Instance,
  IntegrityReport,
  LedgerEntry,
  RunResults,
  Runtime,
  Topology,
} from '../../model/index.ts';
import { SCHEMA_VERSION } from '../../model/index.ts';
import { intervalSample } from '../../test/helpers/intervals.ts';
import type { EngineRunRequest, LoadEngine } from '../engine/index.ts';
import { buildRunPlan } from '../plan/plan.ts';
import { ResultsStore } from '../results/index.ts';
import { validateScenario } from '../scenario/validate.ts';
import { combineObservers } from './observer.ts';
import { newCellResult, runPlan } from './orchestrator.ts';
import type { TargetAdmin } from './target-admin.ts';

/** Everything the fakes did, in order: the steps as the outside world sees them. */
type Journal = string[];

function fakeInstance(journal: Journal, id: string): Instance {
  let running = true;
  return {
    id,
    component: id.replace(/-\d+$/, ''),
    kind: 'service',
    index: 0,
    host: '127.0.0.1',
    port: 1,
    url: 'http://127.0.0.1:1',
    pid: 4242,
    kill: async () => {
      journal.push(`kill ${id}`);
      running = false;
    },
    pause: async () => void journal.push(`pause ${id}`),
    resume: async () => void journal.push(`resume ${id}`),
    restart: async () => {
      journal.push(`restart ${id}`);
      running = true;
    },
    isRunning: () => running,
    sample: async () => ({ ts: Date.now(), cpuCores: 0.5, rssBytes: 50 * 1024 * 1024 }),
  };
}

function fakeRuntime(journal: Journal, opts: { failTarget?: string } = {}): Runtime {
  return {
    name: 'fake',
    async start(topology: Topology): Promise<Deployment> {
      journal.push(`start ${topology.name}`);
      if (topology.name === opts.failTarget) throw new Error(`${topology.name} would not start`);
      const instances = [fakeInstance(journal, 'app-0')];
      let stopped = false;
      const deployment: Deployment = {
        runId: 'r',
        topology,
        entryUrl: `http://fake/${topology.name}`,
        instances,
        startTimes: { app: 12 },
        component: (name) => instances.filter((i) => i.component === name),
        stop: async () => {
          if (stopped) return;
          stopped = true;
          journal.push(`stop ${topology.name}`);
        },
        [Symbol.asyncDispose]: () => deployment.stop(),
      };
      return deployment;
    },
  };
}

/** Pushes `seconds` one-second samples (10 requests at 5 ms, one at 40 ms) and acknowledges two writes. */
function fakeEngine(journal: Journal, seconds = 3, stepMs = 30): LoadEngine {
  return {
    name: 'fake',
    async run(request: EngineRunRequest) {
      journal.push(`load ${request.baseUrl}`);
      const started = Date.now();
      for (let i = 0; i < seconds && !request.signal.aborted; i++) {
        await new Promise((r) => setTimeout(r, stepMs));
        request.sink.onInterval(
          intervalSample(started + i * 1000, { read: { latenciesMs: [...Array(10).fill(5), 40] } }),
        );
      }
      const acked: LedgerEntry[] = [
        { request: 'write', id: '1', version: 1, ackedAt: started },
        { request: 'write', id: '2', version: 1, ackedAt: started },
      ];
      request.sink.onLedger?.(acked);
      journal.push('load done');
      return {
        model: 'open' as const,
        startedAt: started,
        endedAt: Date.now(),
        aborted: request.signal.aborted,
        generatorBound: false,
        generatorNotes: [],
        vuPoolNotes: [],
      };
    },
  };
}

function fakeAdmin(journal: Journal, lost: string[] = []): TargetAdmin {
  return {
    seed: async (url, dataset) => {
      journal.push(`seed ${url} ${dataset.items}`);
      return { items: dataset.items, ms: 3 };
    },
    verify: async (url, ledger): Promise<IntegrityReport> => {
      journal.push(`verify ${url} ${ledger.length}`);
      return {
        checked: ledger.length,
        lost: lost.length,
        stale: 0,
        duplicated: 0,
        examples: { lost, stale: [], duplicated: [] },
      };
    },
    scrape: async () => {
      journal.push('scrape');
      return { 'app-0': { cache_hits_total: 7 } };
    },
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function run(
  input: Record<string, unknown>,
  fakes: { runtime: Runtime; engine: LoadEngine; admin: TargetAdmin },
  signal = new AbortController().signal,
): Promise<{ results: RunResults; logs: string[] }> {
  const validated = validateScenario(input, { knownArchitectures: () => [] });
  if (!validated.ok) throw new Error(JSON.stringify(validated.problems));
  const scenario = validated.config;
  const plan = buildRunPlan(scenario);
  const dir = mkdtempSync(join(tmpdir(), 'harness-orchestrator-'));
  dirs.push(dir);
  const results: RunResults = {
    schemaVersion: SCHEMA_VERSION,
    runId: 'orchestrator-test',
    status: 'running',
    startedAt: Date.now(),
    scenario: { name: scenario.name, file: 'inline.ts', hash: 'x', config: scenario },
    options: { durationScale: 1, trials: 1, runtime: 'fake' },
    environment: {} as RunResults['environment'],
    cells: plan.cells.map(newCellResult),
  };
  const logs: string[] = [];
  await runPlan(scenario, plan, {
    ...fakes,
    resolveArch: (name) => ({
      name,
      description: name,
      entry: 'app',
      components: [{ name: 'app', kind: 'service' }],
    }),
    store: new ResultsStore(dir, results),
    observer: combineObservers([{ onLog: (l) => logs.push(l) }]),
    signal,
  });
  return { results, logs };
}

const scenario = (extra: Record<string, unknown> = {}) => ({
  name: 'component',
  targets: ['monolith', 'cached'],
  dataset: { items: 100, valueSize: 10 },
  workload: { mix: [{ name: 'read', path: '/items/{key}' }] },
  profiles: { steady: { executor: 'constant-arrival-rate', rate: 10, duration: '3s' } },
  thresholds: { http_req_duration: ['p(50)<10'] },
  ...extra,
});

describe('runPlan with a fake runtime, engine and admin', () => {
  it('runs each cell start → seed → load → read back → stop, and stores what each step found', async () => {
    const journal: Journal = [];
    const { results } = await run(scenario(), {
      runtime: fakeRuntime(journal),
      engine: fakeEngine(journal),
      admin: fakeAdmin(journal, ['2']),
    });
    expect(journal).toEqual([
      'start monolith',
      'seed http://fake/monolith 100',
      'load http://fake/monolith',
      'load done',
      'scrape',
      'verify http://fake/monolith 2',
      'stop monolith',
      'start cached',
      'seed http://fake/cached 100',
      'load http://fake/cached',
      'load done',
      'scrape',
      'verify http://fake/cached 2',
      'stop cached',
    ]);
    expect(results.status).toBe('completed');
    const [cell] = results.cells;
    expect(cell).toMatchObject({
      status: 'completed',
      startup: { components: { app: 12 } },
      seed: { items: 100 },
      integrity: { checked: 2, lost: 1 },
      targetMetrics: { 'app-0': { cache_hits_total: 7 } },
      thresholds: [{ metric: 'http_req_duration', expression: 'p(50)<10', ok: true }],
    });
    expect(cell!.intervals).toHaveLength(3);
    expect(cell!.summary?.requests).toBe(33);
    expect(cell!.summary?.duration.max).toBeGreaterThanOrEqual(39);
    expect(cell!.resources?.['app-0']?.[0]?.cpuCores).toBe(0.5);
    expect(results.verdict).toMatchObject({ thresholdsOk: true, exitCode: 0 });
  });

  it('applies and reverts a scheduled fault on the deployment while the load runs', async () => {
    const journal: Journal = [];
    const { results } = await run(
      scenario({
        targets: ['monolith'],
        schedules: { pause: { faults: [{ kind: 'pause', at: '50ms', duration: '60ms', target: 'app' }] } },
      }),
      // 4 × 150 ms of load: the 60 ms fault ends on its own timer even when a busy machine runs it late.
      { runtime: fakeRuntime(journal), engine: fakeEngine(journal, 4, 150), admin: fakeAdmin(journal) },
    );
    const load = journal.indexOf('load http://fake/monolith');
    expect(journal.indexOf('pause app-0')).toBeGreaterThan(load);
    expect(journal.indexOf('resume app-0')).toBeGreaterThan(journal.indexOf('pause app-0'));
    expect(journal.indexOf('resume app-0')).toBeLessThan(journal.indexOf('stop monolith'));
    const [fault] = results.cells[0]!.faults ?? [];
    expect(fault).toMatchObject({ kind: 'pause', target: 'app-0' });
    expect(fault!.revertedAt! - fault!.appliedAt).toBeGreaterThanOrEqual(50);
    expect(fault!.impact?.during?.requests).toBeGreaterThan(0);
  });

  it('warms up after seeding with the profile load, kept out of the figures and thresholds of the cell', async () => {
    const journal: Journal = [];
    const measured = fakeEngine(journal);
    const requests: EngineRunRequest[] = [];
    const engine: LoadEngine = {
      name: 'fake',
      async run(request) {
        requests.push(request);
        if (requests.length > 1) return measured.run(request);
        // The warm-up: a cold target, 400 ms a request — it must not reach the p(50)<10 threshold.
        journal.push('warm-up');
        const t0 = Date.now() - 5000;
        request.sink.onInterval(intervalSample(t0, { read: { latenciesMs: Array(10).fill(400) } }));
        request.sink.onInterval(intervalSample(t0 + 1000, { read: { latenciesMs: Array(10).fill(400) } }));
        request.sink.onLedger?.([{ request: 'write', id: '9', version: 1, ackedAt: t0 }]);
        return {
          model: 'open',
          startedAt: t0,
          endedAt: t0 + 2000,
          aborted: false,
          generatorBound: false,
          generatorNotes: [],
          vuPoolNotes: [],
        };
      },
    };
    const warmupLines: string[] = [];
    const { results, logs } = await run(scenario({ targets: ['monolith'], warmup: '2s' }), {
      runtime: fakeRuntime(journal),
      engine,
      admin: fakeAdmin(journal),
    });
    warmupLines.push(...logs.filter((l) => l.includes('warmed up')));
    expect(journal.slice(0, 4)).toEqual([
      'start monolith',
      'seed http://fake/monolith 100',
      'warm-up',
      'load http://fake/monolith',
    ]);
    // The warm-up ran the profile's own executor for 2 s; the measured load the profile as written.
    expect(requests[0]!.scenarios[0]!.executor).toMatchObject({
      executor: 'constant-arrival-rate',
      rate: 10,
      duration: '2s',
    });
    expect(requests[1]!.scenarios[0]!.executor).toMatchObject({ duration: '3s' });
    const [cell] = results.cells;
    expect(cell!.warmup).toMatchObject({ executor: { duration: '2s' }, summary: { requests: 20 } });
    expect(cell!.warmup!.intervals).toHaveLength(2);
    expect(cell!.intervals).toHaveLength(3);
    expect(cell!.summary?.requests).toBe(33);
    expect(cell!.summary?.duration.max).toBeLessThan(100);
    expect(cell!.thresholds).toEqual([expect.objectContaining({ expression: 'p(50)<10', ok: true })]);
    // Its acknowledged write is read back with the measured ones.
    expect(journal).toContain('verify http://fake/monolith 3');
    expect(warmupLines).toEqual([
      expect.stringMatching(/warmed up for 2 s: 20 requests, p95 40\d\.\d\d ms.*\(not counted\)/),
    ]);
  });

  it('applies a condition of the cell (a fault at 0 s to the end) before the warm-up, and reverts it last', async () => {
    const journal: Journal = [];
    const measured = fakeEngine(journal);
    let calls = 0;
    const engine: LoadEngine = {
      name: 'fake',
      run: (request) => {
        calls++;
        if (calls === 1) journal.push('warm-up');
        return measured.run(request);
      },
    };
    const { results } = await run(
      scenario({
        targets: ['monolith'],
        warmup: '1s',
        schedules: { slow: { faults: [{ kind: 'pause', at: '0s', target: 'app' }] } },
      }),
      { runtime: fakeRuntime(journal), engine, admin: fakeAdmin(journal) },
    );
    expect(journal.indexOf('pause app-0')).toBeLessThan(journal.indexOf('warm-up'));
    expect(journal.indexOf('resume app-0')).toBeGreaterThan(journal.lastIndexOf('load done'));
    const [fault] = results.cells[0]!.faults!;
    expect(fault!.appliedAt).toBeLessThanOrEqual(results.cells[0]!.warmup!.startedAt);
    // Its impact covers the measured load only (the fake engine's seconds are compressed: no recovery check here).
    expect(fault!.impact!.before).toBeNull();
    expect(fault!.impact!.during!.requests).toBeGreaterThan(0);
  });

  it('a target that fails to start fails its cell; the next cell still runs', async () => {
    const journal: Journal = [];
    const { results } = await run(scenario(), {
      runtime: fakeRuntime(journal, { failTarget: 'monolith' }),
      engine: fakeEngine(journal),
      admin: fakeAdmin(journal),
    });
    expect(results.cells.map((c) => c.status)).toEqual(['failed', 'completed']);
    expect(results.cells[0]!.error?.message).toContain('monolith would not start');
    expect(results.status).toBe('failed');
    expect(journal).not.toContain('seed http://fake/monolith 100');
  });

  it('a read-back that throws still stops the targets, and the cell keeps its load figures', async () => {
    const journal: Journal = [];
    const admin = fakeAdmin(journal);
    admin.verify = async () => {
      throw new Error('verify exploded');
    };
    const { results } = await run(scenario({ targets: ['monolith'] }), {
      runtime: fakeRuntime(journal),
      engine: fakeEngine(journal),
      admin,
    });
    expect(journal.at(-1)).toBe('stop monolith');
    expect(results.cells[0]).toMatchObject({ status: 'failed', error: { message: 'verify exploded' } });
    expect(results.cells[0]!.summary?.requests).toBe(33);
  });

  it('an abort during the load stops the cell and its targets, and skips the rest', async () => {
    const journal: Journal = [];
    const abort = new AbortController();
    const engine = fakeEngine(journal, 10);
    const slowEngine: LoadEngine = {
      name: 'fake',
      run: (request) => {
        setTimeout(() => abort.abort(new Error('SIGINT')), 100);
        return engine.run(request);
      },
    };
    const { results } = await run(
      scenario(),
      { runtime: fakeRuntime(journal), engine: slowEngine, admin: fakeAdmin(journal) },
      abort.signal,
    );
    expect(results.status).toBe('aborted');
    expect(results.cells.map((c) => c.status)).toEqual(['aborted', 'skipped']);
    expect(journal).toContain('stop monolith');
    expect(journal).not.toContain('start cached');
    expect(journal.some((l) => l.startsWith('verify'))).toBe(false);
    expect(results.cells[0]!.intervals.length).toBeLessThan(10);
  });
});
