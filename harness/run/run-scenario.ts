import { existsSync } from 'node:fs';
/**
 * `harness run <scenario>`: load and validate everything first (invalid
 * input → nothing started, nothing written), then plan, run, store, report.
 */
import { dirname, resolve } from 'node:path';
import { faultProblems } from '../../chaos/index.ts';
import { architectureProblems, architectureVerify, resolveTopology } from '../../targets/index.ts';
import { engines } from '../engine/index.ts';
import { type InputProblem, InvalidInputError } from '../errors.ts';
import { buildRunPlan, planTarget, type RunPlan, unknownNames } from '../plan/plan.ts';
import { ResultsStore } from '../results/store.ts';
import { type RunResults, SCHEMA_VERSION } from '../results/types.ts';
import { killAllSync, runtimes } from '../runtime/index.ts';
import type { Topology } from '../runtime/topology.ts';
import { loadScenario } from '../scenario/load.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import { describeEnvironment } from './environment.ts';
import { combineObservers, type RunObserver } from './observer.ts';
import { runPlan } from './orchestrator.ts';
import { progressObserver } from './progress.ts';
import type { PrometheusOptions, RunExport } from './prometheus-export.ts';
import { newRunId } from './run-id.ts';
import { guardSignals } from './signals.ts';
import { targetTopology } from './target-topology.ts';

export interface RunOptions {
  out: string;
  targets?: string[];
  profiles?: string[];
  schedules?: string[];
  durationScale: number;
  trials?: number;
  runtime: string;
  /** Extra observers (tests, exporters); progress goes to stderr unless `quiet`. */
  observers?: RunObserver[];
  quiet?: boolean;
  /** `--prometheus` / `--prometheus-server`: export harness's metrics, start a Prometheus. */
  prometheus?: PrometheusOptions;
}

export interface RunOutcome {
  results: RunResults;
  dir: string;
  files: string[];
  exitCode: number;
}

/** Loads and validates a scenario and the flags against it, and plans the run. Starts nothing. */
export async function planScenarioFile(
  file: string,
  options: Pick<RunOptions, 'runtime' | 'targets' | 'profiles' | 'schedules' | 'durationScale' | 'trials'>,
): Promise<{ loaded: Awaited<ReturnType<typeof loadScenario>>; plan: RunPlan }> {
  const loaded = await loadScenario(file, { knownArchitectures: architectureProblems });
  const scenario = loaded.config;

  const problems = [];
  if (!(options.runtime in runtimes))
    problems.push({
      path: '--runtime',
      message: `unknown runtime "${options.runtime}"; available: ${Object.keys(runtimes).join(', ')}`,
    });
  const targetNames = scenario.targets.map((t) =>
    typeof t === 'string' ? t : (t.name ?? (t as { arch: string }).arch),
  );
  for (const t of unknownNames(options.targets, targetNames))
    problems.push({
      path: '--targets',
      message: `no target "${t}" in the scenario; it has: ${targetNames.join(', ')}`,
    });
  for (const p of unknownNames(options.profiles, Object.keys(scenario.profiles)))
    problems.push({
      path: '--profiles',
      message: `no profile "${p}" in the scenario; it has: ${Object.keys(scenario.profiles).join(', ')}`,
    });
  problems.push(...scheduleProblems(scenario, targetNames, options.schedules));
  const script = scenario.workload.script;
  if (script && !existsSync(resolve(dirname(resolve(file)), script.file)))
    problems.push({
      path: 'workload.script.file',
      message: `no such file: ${script.file} (relative to the scenario file)`,
    });
  if (problems.length > 0) throw new InvalidInputError(file, problems);

  const plan = buildRunPlan(scenario, {
    ...(options.schedules ? { schedules: options.schedules } : {}),
    durationScale: options.durationScale,
    ...(options.targets ? { targets: options.targets } : {}),
    ...(options.profiles ? { profiles: options.profiles } : {}),
    ...(options.trials ? { trials: options.trials } : {}),
  });
  return { loaded, plan };
}

/**
 * Fault schedules checked against every topology they apply to, before
 * anything starts: unknown components or edges, instances out of range.
 */
function scheduleProblems(scenario: ScenarioConfig, targetNames: string[], only?: string[]): InputProblem[] {
  const problems: InputProblem[] = [];
  const schedules = scenario.schedules ?? {};
  for (const name of unknownNames(only, Object.keys(schedules)))
    problems.push({
      path: '--schedules',
      message: `no schedule "${name}" in the scenario; it has: ${Object.keys(schedules).join(', ') || 'none'}`,
    });
  for (const [name, schedule] of Object.entries(schedules)) {
    schedule.targets?.forEach((t, i) => {
      if (!targetNames.includes(t))
        problems.push({
          path: `schedules.${name}.targets[${i}]`,
          message: `no target "${t}" in the scenario; it has: ${targetNames.join(', ')}`,
        });
    });
    const faults = schedule.faults ?? [];
    if (faults.length === 0) continue;
    for (const spec of scenario.targets) {
      const target = planTarget(spec);
      if (schedule.targets && !schedule.targets.includes(target.name)) continue;
      let topology: Topology;
      try {
        topology = targetTopology(target, resolveTopology);
      } catch {
        continue; // an unknown architecture is reported by the scenario validation
      }
      for (const p of faultProblems(faults, topology, { path: `schedules.${name}.faults` }))
        problems.push({ ...p, message: `${p.message} (target ${target.name})` });
    }
  }
  return problems;
}

export async function runScenarioFile(file: string, options: RunOptions): Promise<RunOutcome> {
  const planned = await planScenarioFile(file, options);
  const runId = newRunId(planned.loaded.config.name);
  // Before anything is written: a port in use is invalid input, a missing Prometheus a missing server.
  let exported: RunExport | undefined;
  if (options.prometheus) {
    const { startRunExport } = await import('./prometheus-export.ts');
    exported = await startRunExport(runId, options.prometheus);
  }
  try {
    return await runPlanned(file, planned, runId, options, exported);
  } finally {
    await exported?.stop();
  }
}

async function runPlanned(
  file: string,
  { loaded, plan }: Awaited<ReturnType<typeof planScenarioFile>>,
  runId: string,
  options: RunOptions,
  exported: RunExport | undefined,
): Promise<RunOutcome> {
  const scenario = loaded.config;
  const runtime = runtimes[options.runtime as keyof typeof runtimes]();
  // What the runtime needs (docker: a daemon) fails here, before a results dir exists.
  await runtime.preflight?.();
  const engine = engines.http({ client: scenario.engine.client });
  const { newCellResult } = await import('./orchestrator.ts');

  const results: RunResults = {
    schemaVersion: SCHEMA_VERSION,
    runId,
    status: 'running',
    startedAt: Date.now(),
    scenario: {
      name: scenario.name,
      ...(scenario.description ? { description: scenario.description } : {}),
      file,
      hash: loaded.hash,
      config: JSON.parse(JSON.stringify(scenario)),
    },
    options: {
      durationScale: options.durationScale,
      trials: options.trials ?? scenario.trials,
      runtime: runtime.name,
      ...(options.targets ? { targets: options.targets } : {}),
    },
    environment: describeEnvironment(runtime.name, engine.name),
    cells: plan.cells.map(newCellResult),
  };
  const store = new ResultsStore(resolve(options.out), results);
  const observer = combineObservers([
    ...(options.quiet ? [] : [progressObserver(process.stderr)]),
    ...(options.observers ?? []),
    ...(exported ? [exported.observer] : []),
  ]);
  const announce = `run ${results.runId}: ${plan.cells.length} cell(s) → ${store.dir}`;
  // Where the results go (and where Prometheus is) is said even with --quiet: CI logs need it.
  const say = (line: string) => (options.quiet ? process.stderr.write(`${line}\n`) : observer.onLog(line));
  say(announce);
  if (exported) {
    const { exporterUrl, serverUrl, configFile } = exported.info;
    say(`prometheus: harness metrics at ${exporterUrl}`);
    if (serverUrl) say(`prometheus: server at ${serverUrl} (config ${configFile}); it stops with the run`);
  }

  using guard = guardSignals({ onForce: killAllSync, log: (l) => observer.onLog(l) });
  const onExit = () => killAllSync();
  process.on('exit', onExit);
  try {
    await runPlan(scenario, plan, {
      runtime,
      engine,
      resolveArch: resolveTopology,
      archVerify: architectureVerify,
      store,
      observer,
      signal: guard.signal,
    });
    if (exported && !guard.signal.aborted) await exported.beforeStop(results);
  } finally {
    process.off('exit', onExit);
  }

  const { writeReports } = await import('../../reports/index.ts');
  const files = [store.file, ...(await writeReports(store.dir, results))];
  return { results, dir: store.dir, files, exitCode: results.verdict?.exitCode ?? 1 };
}
