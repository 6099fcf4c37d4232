/**
 * A capacity run as data, for report tests and previews: `monolith` and
 * `cached` searched against a knee each (the real planner picks the rates, a
 * queue model gives each step's latency), their app CPU climbing to a full
 * core at the knee, and a `replicated` target swept over apps = 1, 2, 3
 * with its scaling curve fitted. Deterministic; every step has its intervals
 * (real encoded histograms), so the over-time charts draw the staircase.
 */
import {
  capacitySettings,
  cellCapacity,
  finishSearch,
  planCapacity,
  plannerOptions,
  scalingCurves,
} from '../../harness/capacity/index.ts';
import type {
  CapacityStepRecord,
  CellResult,
  IntervalSample,
  PresetOf,
  RunResults,
} from '../../model/index.ts';
import { CapacityPreset, summarizeCell } from '../../model/index.ts';
import { intervalSample, spread } from './intervals.ts';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const PRESET = CapacityPreset.parse({ preset: 'capacity', startRate: 100, stepDuration: '5s', settle: '1s' });
const SLO = { http_req_duration: ['p(99)<50'], http_req_failed: ['rate<0.01'] };

/** A target whose single service saturates at `mu` req/s. */
interface Model {
  target: string;
  mu: number;
  sweep?: { target: string; param: string; value: number };
}

function searchCell(m: Model, clock: { t: number }, trial = 1): CellResult {
  const settings = capacitySettings(PRESET as PresetOf<'capacity'>);
  const steps: CapacityStepRecord[] = [];
  const intervals: IntervalSample[] = [];
  let search: ReturnType<typeof finishSearch> | undefined;
  for (;;) {
    const d = planCapacity(steps, plannerOptions(settings));
    if (d.action === 'stop') {
      search = finishSearch(d.result, steps, 1, 2);
      break;
    }
    const rho = d.rate / m.mu;
    const p99 = rho < 1 ? 4 / (1 - rho) : 400;
    const served = Math.round(Math.min(d.rate, m.mu));
    const start = clock.t;
    const own = Array.from({ length: 5 }, (_, i) =>
      intervalSample(start + i * 1000, { 'get-item': { latenciesMs: spread(served, p99 * 0.3, p99) } }),
    );
    intervals.push(...own);
    clock.t += 6000;
    const window = own.slice(1);
    const s = summarizeCell(window);
    const pass = s.duration.p99 < 50 && served >= 0.95 * d.rate;
    const appCores = Math.min(1, 0.1 + 0.9 * rho);
    steps.push({
      offered: d.rate,
      achieved: s.iterations / 4,
      durationS: 4,
      p95: s.duration.p95,
      p99: s.duration.p99,
      errorRate: 0,
      dropped: 0,
      generatorBound: false,
      sloMet: s.duration.p99 < 50,
      cpu: { app: appCores, postgres: 0.3 * rho },
      index: steps.length + 1,
      repeat: 1,
      phase: d.phase,
      reason: d.reason,
      startedAt: start,
      endedAt: start + 5000,
      window: { from: start + 1000, to: start + 5000 },
      p50: s.duration.med,
      verdict: pass ? 'pass' : 'fail',
      failures: pass ? [] : served < 0.95 * d.rate ? ['slo', 'throughput'] : ['slo'],
      thresholds: [
        {
          metric: 'http_req_duration',
          expression: 'p(99)<50',
          ok: s.duration.p99 < 50,
          actual: s.duration.p99,
          abortOnFail: false,
        },
      ],
      generator: {
        meanCores: 0.05 + d.rate / 20_000,
        maxCores: 0.06 + d.rate / 20_000,
        lagP99MaxMs: 2,
        threads: 1,
        notes: [],
      },
      machine: { cores: 2, busyCores: Math.min(2, 0.3 + appCores + 0.3 * rho) },
      instances: [
        { instance: 'app-0', component: 'app', kind: 'service', cores: appCores },
        { instance: 'postgres-0', component: 'postgres', kind: 'postgres', cores: 0.3 * rho },
      ],
    });
  }
  const capacity = cellCapacity(settings, steps, [search]);
  const at = steps.find((s) => s.index === capacity.capacityStep)!;
  const judged = intervals.filter((s) => s.ts >= at.window.from && s.ts + s.durationMs <= at.window.to);
  return {
    id: `${m.target}/capacity/${trial}`,
    target: m.target,
    targetKind: m.sweep ? 'replicated' : m.target,
    profile: 'capacity',
    trial,
    executor: { executor: 'constant-arrival-rate', rate: 100, timeUnit: '1s', duration: '5s' },
    preset: PRESET as PresetOf<'capacity'>,
    ...(m.sweep ? { sweep: m.sweep } : {}),
    model: 'open',
    status: 'completed',
    startedAt: intervals[0]!.ts,
    endedAt: clock.t,
    intervals,
    summary: summarizeCell(judged),
    thresholds: [
      { metric: 'http_req_duration', expression: 'p(99)<50', ok: true, actual: at.p99, abortOnFail: false },
    ],
    capacity,
  };
}

export function buildCapacityRun(opts: { sweep?: boolean } = {}): RunResults {
  const clock = { t: T0 };
  const models: Model[] = [
    { target: 'monolith', mu: 800 },
    { target: 'cached', mu: 2000 },
    ...(opts.sweep === false
      ? []
      : [1, 2, 3].map((n) => ({
          target: `replicated[apps=${n}]`,
          mu: (700 * n) / (1 + 0.15 * (n - 1) + 0.02 * n * (n - 1)),
          sweep: { target: 'replicated', param: 'apps', value: n },
        }))),
  ];
  const cells = models.map((m) => searchCell(m, clock));
  const results: RunResults = {
    schemaVersion: 2,
    runId: '20261201-090000-capacity-test',
    status: 'completed',
    startedAt: T0,
    endedAt: clock.t,
    scenario: {
      name: 'capacity',
      file: 'scenarios/scaling-replicated.ts',
      hash: 'c0ffee',
      config: { name: 'capacity', thresholds: SLO },
    },
    options: { durationScale: 1, trials: 1, runtime: 'local' },
    environment: {
      harnessVersion: '0.1.0',
      node: 'v20.20.0',
      platform: 'linux',
      kernel: '6.1.0',
      hostname: 'test',
      cpus: 2,
      cpuModel: 'test CPU',
      memoryBytes: 8 * 2 ** 30,
      runtime: 'local',
      engine: 'http',
      serverVersions: {},
    },
    cells,
    verdict: { thresholdsOk: true, failedThresholds: 0, exitCode: 0 },
  };
  const scaling = scalingCurves(results);
  if (scaling.length > 0) results.scaling = scaling;
  return results;
}
