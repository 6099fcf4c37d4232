/**
 * Runs a plan: for each cell, in turn — start the topology and wait for
 * readiness → seed the dataset → run the profile while sampling resources →
 * read back acknowledged writes → stop everything → store the cell. After all
 * cells: the verdict. Every cleanup sits on a LIFO teardown stack that also
 * unwinds on failure and on abort.
 */

import { dirname, resolve } from 'node:path';
import { edgesOf, faultImpact, planFaults, runFaultSchedule } from '../../chaos/index.ts';
import type { ArchitectureVerify } from '../../targets/index.ts';
import { analyzeCell } from '../analysis/index.ts';
import type { LoadEngine } from '../engine/types.ts';
import { AbortedError, ExitCode, HarnessError } from '../errors.ts';
import { summarizeCell } from '../metrics/summarize.ts';
import type { LedgerEntry } from '../metrics/types.ts';
import { executorsOf, modelOf } from '../plan/cell-executor.ts';
import type { PlannedCell, RunPlan } from '../plan/plan.ts';
import { profileWorkload } from '../plan/profile-workload.ts';
import type { ResultsStore } from '../results/store.ts';
import type { CellResult, RunResults } from '../results/types.ts';
import type { Runtime } from '../runtime/types.ts';
import { parseDuration } from '../scenario/duration.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import { evaluateThresholds, shouldAbort } from '../thresholds/index.ts';
import { checkIntegrity, describeChecks } from './architecture-integrity.ts';
import type { RunObserver } from './observer.ts';
import { sampleResources } from './resource-sampler.ts';
import { scrapeTargetMetrics } from './scrape-metrics.ts';
import { seedDataset } from './service-admin.ts';
import { type ArchitectureResolver, targetTopology } from './target-topology.ts';
import { TeardownStack } from './teardown.ts';
import { verdictOf } from './verdict.ts';

export interface OrchestratorDeps {
  runtime: Runtime;
  engine: LoadEngine;
  resolveArch: ArchitectureResolver;
  /** A built-in architecture's own integrity checks beyond the ledger (targets: `architectureVerify`). */
  archVerify?: (arch: string) => ArchitectureVerify | undefined;
  store: ResultsStore;
  observer: Required<RunObserver>;
  /** Aborted by SIGINT/SIGTERM. */
  signal: AbortSignal;
}

export function newCellResult(cell: PlannedCell): CellResult {
  return {
    id: cell.id,
    // A fault schedule makes its own row beside the no-fault one: `monolith@kill-app`.
    target: cell.schedule ? `${cell.target.name}@${cell.schedule.name}` : cell.target.name,
    ...(cell.schedule ? { schedule: cell.schedule.name } : {}),
    targetKind: cell.target.kind === 'arch' ? (cell.target.spec as { arch: string }).arch : cell.target.kind,
    profile: cell.profile,
    trial: cell.trial,
    executor: cell.executor,
    ...(cell.preset ? { preset: cell.preset } : {}),
    model: modelOf(cell.executor),
    status: 'pending',
    intervals: [],
  };
}

/** Runs every cell of the plan, in order. Returns the final results with their verdict. */
export async function runPlan(
  scenario: ScenarioConfig,
  plan: RunPlan,
  deps: OrchestratorDeps,
): Promise<RunResults> {
  const { store, observer } = deps;
  const results = store.results;
  observer.onRunStart(results);
  let fatal: unknown;
  for (const cell of plan.cells) {
    if (deps.signal.aborted || fatal !== undefined) {
      store.updateCell(cell.id, { status: 'skipped' });
      continue;
    }
    try {
      await runCell(scenario, plan, cell, deps);
    } catch (err) {
      // A target that fails to start fails its cell; the comparison goes on
      // with the other cells. Anything else (an abort, a harness bug) ends the run.
      if (!(err instanceof HarnessError && err.exitCode === ExitCode.targetFailed)) fatal = err;
    }
  }
  results.endedAt = Date.now();
  results.verdict = verdictOf(results, deps.signal, fatal);
  results.status = deps.signal.aborted
    ? 'aborted'
    : fatal !== undefined || results.cells.some((c) => c.status === 'failed')
      ? 'failed'
      : 'completed';
  store.flush();
  observer.onRunEnd(results);
  if (fatal !== undefined && !(fatal instanceof AbortedError) && !deps.signal.aborted) throw fatal;
  return results;
}

async function runCell(
  scenario: ScenarioConfig,
  plan: RunPlan,
  cell: PlannedCell,
  deps: OrchestratorDeps,
): Promise<void> {
  const { store, observer, runtime, engine } = deps;
  const result = store.cell(cell.id);
  const log = (line: string) => observer.onLog(`[${cell.id}] ${line}`);
  const teardown = new TeardownStack();
  // The cell's own abort: SIGINT/SIGTERM, or an abortOnFail threshold.
  const cellAbort = new AbortController();
  const onRunAbort = () => cellAbort.abort(deps.signal.reason);
  deps.signal.addEventListener('abort', onRunAbort, { once: true });
  teardown.push('signal listener', () => deps.signal.removeEventListener('abort', onRunAbort));

  store.updateCell(cell.id, { status: 'running', startedAt: Date.now() });
  observer.onCellStart(result);
  let failure: unknown;
  try {
    const topology = targetTopology(cell.target, deps.resolveArch);
    const startedAt = performance.now();
    const faults = cell.schedule?.faults ?? [];
    // Fault proxies only on the edges a network fault of this schedule needs.
    const edgeProxies = edgesOf(faults, topology);
    const deployment = await runtime.start(topology, {
      runId: store.results.runId,
      signal: cellAbort.signal,
      log,
      ...(edgeProxies.length > 0 ? { edgeProxies } : {}),
    });
    teardown.push('stop targets', () => deployment.stop());
    observer.onDeploymentReady(result, deployment);
    const startup = { totalMs: Math.round(performance.now() - startedAt), components: deployment.startTimes };
    store.updateCell(cell.id, { startup });
    log(
      `started in ${startup.totalMs} ms (${Object.entries(startup.components)
        .map(([c, ms]) => `${c} ${Math.round(ms)} ms`)
        .join(', ')})`,
    );

    const builtIn = cell.target.kind === 'arch';
    if (builtIn && scenario.dataset.items > 0) {
      const seed = await seedDataset(deployment.entryUrl, scenario.dataset, cellAbort.signal);
      store.updateCell(cell.id, { seed });
      log(`seeded ${seed.items} items in ${seed.ms} ms`);
    }
    const warmupMs = parseDuration(plan.warmup);
    if (warmupMs > 0) await sleep(warmupMs, cellAbort.signal);

    const resources: NonNullable<CellResult['resources']> = {};
    store.updateCell(cell.id, { resources });
    teardown.push('resource sampler', sampleResources(deployment, resources));

    const ledger: LedgerEntry[] = [];
    const abortOnFail = Object.values(scenario.thresholds ?? {}).some((list) =>
      list.some((t) => typeof t !== 'string' && t.abortOnFail),
    );
    const loadStart = Date.now();
    const schedule = runFaultSchedule(deployment, planFaults(faults, { durationScale: plan.durationScale }), {
      startedAt: loadStart,
      signal: cellAbort.signal,
      log,
      onEvent: () => store.updateCell(cell.id, { faults: schedule.applied.map((f) => f.toJSON()) }),
    });
    // LIFO: faults are reverted before the targets stop, also on abort and failure.
    teardown.push('revert faults', () => schedule.stop());
    const run = await engine.run({
      // A `scenarios` profile runs its executors at once, each with its own weights; VUs numbered across them.
      scenarios: executorsOf(cell.executor).map(({ name, executor }) => ({
        ...(name === undefined ? {} : { name }),
        executor,
        workload: profileWorkload(scenario.workload, executor),
      })),
      workers: scenario.engine.workers,
      ...(scenario.workload.script
        ? {
            script: {
              // A script file is relative to the scenario file that names it.
              file: resolve(dirname(resolve(store.results.scenario.file)), scenario.workload.script.file),
              ...(scenario.workload.script.export ? { export: scenario.workload.script.export } : {}),
            },
          }
        : {}),
      dataset: scenario.dataset,
      baseUrl: deployment.entryUrl,
      http: {
        timeoutMs: parseDuration(scenario.http.timeout),
        ...(scenario.http.maxConnections ? { maxConnections: scenario.http.maxConnections } : {}),
      },
      signal: cellAbort.signal,
      sink: {
        onInterval: (sample) => {
          store.addInterval(cell.id, sample);
          observer.onInterval(result, sample);
          if (abortOnFail && scenario.thresholds && !cellAbort.signal.aborted) {
            const verdicts = evaluateThresholds(scenario.thresholds, result.intervals);
            if (shouldAbort(verdicts, Date.now() - loadStart)) {
              log('an abortOnFail threshold failed: stopping this cell');
              cellAbort.abort(new Error('abortOnFail threshold'));
            }
          }
        },
        onLedger: (entries) => {
          ledger.push(...entries);
          store.appendLedger(cell.id, entries);
        },
      },
    });
    // Open-ended faults end with the load, before the integrity check reads back.
    await schedule.stop();
    if (faults.length > 0)
      store.updateCell(cell.id, {
        faults: schedule.applied.map((f) => ({
          ...f.toJSON(),
          impact: faultImpact(
            result.intervals,
            f,
            scenario.thresholds ? { thresholds: scenario.thresholds } : {},
          ),
        })),
        ...(schedule.failures.length > 0
          ? {
              faultFailures: schedule.failures.map((f) => ({ label: f.event.label, error: f.error.message })),
            }
          : {}),
      });
    store.updateCell(cell.id, { generatorBound: run.generatorBound, generatorNotes: run.generatorNotes });
    if (run.generatorBound)
      log(`WARNING: the load generator was the bottleneck: ${run.generatorNotes.join('; ')}`);

    if (builtIn && !deps.signal.aborted) {
      store.updateCell(cell.id, { targetMetrics: await scrapeTargetMetrics(deployment) });
    }
    const integrity =
      builtIn && !deps.signal.aborted
        ? await checkIntegrity(deployment, ledger, deps.archVerify?.(result.targetKind))
        : undefined;
    if (integrity !== undefined) {
      store.updateCell(cell.id, { integrity });
      log(
        `integrity: ${integrity.checked} acknowledged writes checked, ${integrity.lost} lost, ${integrity.stale} stale${describeChecks(integrity)}`,
      );
    }
  } catch (err) {
    failure = err;
  } finally {
    const errors = await teardown.unwind();
    for (const e of errors) log(e.message);
  }

  const summary = result.intervals.length > 0 ? summarizeCell(result.intervals) : undefined;
  const thresholds =
    scenario.thresholds && result.intervals.length > 0
      ? evaluateThresholds(scenario.thresholds, result.intervals)
      : undefined;
  if (
    thresholds &&
    cellAbort.signal.reason instanceof Error &&
    cellAbort.signal.reason.message === 'abortOnFail threshold'
  ) {
    for (const t of thresholds) if (!t.ok && t.abortOnFail) t.abortedRun = true;
  }
  // Also for a cell stopped early: a stress run ended by an abortOnFail threshold still has its breaking point.
  const analysis =
    cell.preset && result.intervals.length > 0
      ? analyzeCell(cell.preset, result.intervals, scenario.thresholds, result.resources)
      : undefined;
  const status = deps.signal.aborted ? 'aborted' : failure !== undefined ? 'failed' : 'completed';
  store.updateCell(cell.id, {
    status,
    endedAt: Date.now(),
    ...(summary ? { summary } : {}),
    ...(thresholds ? { thresholds } : {}),
    ...(analysis ? { analysis } : {}),
    ...(failure !== undefined && !deps.signal.aborted ? { error: describeError(failure) } : {}),
  });
  observer.onCellEnd(result);
  if (deps.signal.aborted) throw new AbortedError(String(deps.signal.reason?.message ?? 'signal'));
  if (failure !== undefined) {
    if (failure instanceof HarnessError) throw failure;
    throw new HarnessError('CELL_FAILED', `${cell.id}: ${(failure as Error)?.message ?? failure}`, {
      exitCode: ExitCode.targetFailed,
      cause: failure,
    });
  }
}

function describeError(err: unknown): { code: string; message: string } {
  if (err instanceof HarnessError)
    return { code: err.code, message: err.hint ? `${err.message}\n${err.hint}` : err.message };
  return { code: 'ERROR', message: (err as Error)?.message ?? String(err) };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
