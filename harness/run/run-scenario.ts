import { existsSync } from 'node:fs';
/**
 * Running a scenario, as a library call: load and validate everything first
 * (invalid input → nothing started, nothing written), then plan, run, store,
 * report. `harness run` is this plus the process: signals, progress on
 * stderr, the exit code (harness/cli/run-command.ts).
 */
import { dirname, resolve } from 'node:path';
import { faultProblems } from '../../chaos/index.ts';
import type { CellExecutor, ScenarioConfig, ScenarioInput, Topology } from '../../model/index.ts';
import { type InputProblem, InvalidInputError, type RunResults, SCHEMA_VERSION } from '../../model/index.ts';
import {
  architectureProblems,
  architectureScaler,
  architectureVerify,
  resolveTopology,
} from '../../targets/index.ts';
import { type EngineName, engines } from '../engine/index.ts';
import { k6EngineThresholdProblems } from '../k6/engine/threshold-limits.ts';
import { k6DurationProblems } from '../k6/script/k6-duration-limits.ts';
import { buildRunPlan, planTargets, type RunPlan, unknownNames } from '../plan/plan.ts';
import { ResultsStore } from '../results/store.ts';
import { runtimes } from '../runtime/index.ts';
import { inlineScenario, type LoadedScenario, loadScenario } from '../scenario/load.ts';
import {
  asFlagProblems,
  type CapacityOverrides,
  timedSchedules,
  withCapacityProfile,
} from './capacity-profile.ts';
import { describeEnvironment } from './environment.ts';
import { combineObservers, type RunObserver } from './observer.ts';
import { newCellResult, runPlan } from './orchestrator.ts';
import type { PrometheusOptions, RunExport } from './prometheus-export.ts';
import { newRunId } from './run-id.ts';
import { targetTopology } from './target-topology.ts';

export interface RunOptions {
  /** Where run directories go (default `results`). */
  out?: string;
  targets?: string[];
  profiles?: string[];
  schedules?: string[];
  /** Multiplies every duration of the scenario (default 1). */
  durationScale?: number;
  trials?: number;
  /** `local` (default) or `docker`. */
  runtime?: string;
  /** Load engine by name (`engines`): `http`, the built-in one (default), or `k6`. */
  engine?: string;
  /** Observers of the run: live progress, exporters, tests. */
  observers?: RunObserver[];
  /** Progress lines (startup times, seeding, warnings); default: dropped. */
  log?: (line: string) => void;
  /** Where the results (and Prometheus) are: lines a quiet caller still wants; default: with the others. */
  announce?: (line: string) => void;
  /**
   * Aborting stops the run as Ctrl-C does: load stopped, faults reverted,
   * targets stopped, a partial result written (status `aborted`).
   */
  signal?: AbortSignal;
  /** `--prometheus` / `--prometheus-server`: export harness's metrics, start a Prometheus. */
  prometheus?: PrometheusOptions;
  /**
   * `harness capacity`: run the scenario's targets with a capacity search as
   * the profile (its own capacity profiles, or one with the preset's
   * defaults), these settings over it, and only the fault schedules of
   * conditions (capacity-profile.ts).
   */
  capacity?: CapacityOverrides;
}

export interface RunOutcome {
  results: RunResults;
  dir: string;
  files: string[];
  /** What the CLI exits with: 0, 3 (a threshold failed), 5 (a target failed), 130 (aborted). */
  exitCode: number;
}

/** What a run is given: a scenario file, or a scenario as `defineScenario` returns it. */
export type ScenarioSource = string | ScenarioInput;

type PlanSelection = Pick<
  RunOptions,
  'runtime' | 'engine' | 'targets' | 'profiles' | 'schedules' | 'durationScale' | 'trials' | 'capacity'
>;

/** Loads and validates a scenario and the options against it, and plans the run. Starts nothing. */
export async function planScenario(
  source: ScenarioSource,
  options: PlanSelection = {},
): Promise<{ loaded: LoadedScenario; plan: RunPlan; notes: string[] }> {
  const notes: string[] = [];
  const rewrite = (input: unknown) => {
    const left = timedSchedules(input);
    if (left.length > 0)
      notes.push(
        `capacity: fault schedule(s) ${left.join(', ')} left out — a fault on the load's timeline would fail whichever step it fell into; conditions that hold from 0 s (no duration) are kept`,
      );
    return withCapacityProfile(input, options.capacity);
  };
  const load = {
    knownArchitectures: architectureProblems,
    ...(options.capacity ? { rewrite } : {}),
  };
  let loaded: LoadedScenario;
  try {
    loaded = typeof source === 'string' ? await loadScenario(source, load) : inlineScenario(source, load);
  } catch (err) {
    throw options.capacity && err instanceof InvalidInputError ? asFlagProblems(err, options.capacity) : err;
  }
  const scenario = loaded.config;
  const file = loaded.file;
  const runtime = options.runtime ?? 'local';

  const problems = [];
  if (!(runtime in runtimes))
    problems.push({
      path: '--runtime',
      message: `unknown runtime "${runtime}"; available: ${Object.keys(runtimes).join(', ')}`,
    });
  if (options.engine !== undefined && !(options.engine in engines))
    problems.push({
      path: '--engine',
      message: `unknown engine "${options.engine}"; available: ${Object.keys(engines).join(', ')}`,
    });
  if (options.engine === 'k6') problems.push(...k6EngineThresholdProblems(scenario.thresholds));
  const targetNames = scenario.targets.map((t) =>
    typeof t === 'string' ? t : (t.name ?? (t as { arch: string }).arch),
  );
  // A swept target answers to its own name (all its values) and to each value's (`replicated[apps=2]`).
  const selectable = [...new Set([...targetNames, ...planTargets(scenario).map((t) => t.name)])];
  for (const t of unknownNames(options.targets, selectable))
    problems.push({
      path: '--targets',
      message: `no target "${t}" in the scenario; it has: ${selectable.join(', ')}`,
    });
  for (const p of unknownNames(options.profiles, Object.keys(scenario.profiles)))
    problems.push({
      path: '--profiles',
      message: `no profile "${p}" in the scenario; it has: ${Object.keys(scenario.profiles).join(', ')}`,
    });
  problems.push(...scheduleProblems(scenario, targetNames, options.schedules));
  problems.push(...entryProblems(scenario, options.engine));
  const script = scenario.workload.script;
  if (script && !existsSync(resolve(dirname(loaded.absPath), script.file)))
    problems.push({
      path: 'workload.script.file',
      message: `no such file: ${script.file} (relative to the scenario file)`,
    });
  if (problems.length > 0) throw new InvalidInputError(file, problems);

  const plan = buildRunPlan(scenario, {
    ...(options.schedules ? { schedules: options.schedules } : {}),
    durationScale: options.durationScale ?? 1,
    ...(options.targets ? { targets: options.targets } : {}),
    ...(options.profiles ? { profiles: options.profiles } : {}),
    ...(options.trials ? { trials: options.trials } : {}),
  });
  if (options.engine === 'k6') {
    const k6Problems = k6DurationProblems(k6Executors(plan), plan.durationScale);
    if (k6Problems.length > 0) throw new InvalidInputError(file, k6Problems);
  }
  return { loaded, plan, notes };
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
    for (const target of planTargets(scenario)) {
      if (schedule.targets && !schedule.targets.includes(target.sweep?.target ?? target.name)) continue;
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

/**
 * Executors with an `entry` (clients with a home region): every target's
 * topology must have that named entry, and the requests must be a mix the
 * built-in engine sends (not a script, not k6's single BASE_URL).
 */
function entryProblems(scenario: ScenarioConfig, engine: string | undefined): InputProblem[] {
  const problems: InputProblem[] = [];
  const topologies = planTargets(scenario).map((target) => {
    try {
      return { name: target.name, topology: targetTopology(target, resolveTopology) };
    } catch {
      return undefined; // an unknown architecture is reported by the scenario validation
    }
  });
  for (const [profile, spec] of Object.entries(scenario.profiles)) {
    const executors: [string, { entry?: string | undefined }][] =
      'scenarios' in spec
        ? Object.entries(spec.scenarios).map(([name, e]) => [`profiles.${profile}.scenarios.${name}`, e])
        : 'executor' in spec
          ? [[`profiles.${profile}`, spec]]
          : [];
    for (const [path, executor] of executors) {
      const entry = executor.entry;
      if (entry === undefined) continue;
      const at = `${path}.entry`;
      if (engine === 'k6')
        problems.push({
          path: at,
          message: 'the k6 engine sends every scenario to one base URL; use --engine http',
        });
      if (scenario.workload.script)
        problems.push({
          path: at,
          message: 'a scripted workload sends its own requests: entry needs a request mix',
        });
      for (const t of topologies) {
        if (t === undefined) continue;
        const entries = t.topology.entries ?? {};
        if (!Object.hasOwn(entries, entry))
          problems.push({
            path: at,
            message: `target ${t.name} has no entry "${entry}"; its entries: ${Object.keys(entries).join(', ') || 'none (only its main one)'}`,
          });
      }
    }
  }
  return problems;
}

/**
 * Runs a scenario — a file, or an object from `defineScenario` — and returns
 * its results, as `harness run` does, without touching the process: no signal
 * handlers, no exit code, nothing on stderr (pass `log` and `signal`). Invalid
 * input throws InvalidInputError before anything starts or is written.
 */
export async function runScenario(source: ScenarioSource, options: RunOptions = {}): Promise<RunOutcome> {
  const planned = await planScenario(source, options);
  const runId = newRunId(planned.loaded.config.name);
  // Before anything is written: a port in use is invalid input, a missing Prometheus a missing server.
  let exported: RunExport | undefined;
  if (options.prometheus) {
    const { startRunExport } = await import('./prometheus-export.ts');
    exported = await startRunExport(runId, {
      ...options.prometheus,
      log: options.prometheus.log ?? options.log ?? (() => {}),
    });
  }
  try {
    return await runPlanned(planned, runId, options, exported);
  } finally {
    await exported?.stop();
  }
}

async function runPlanned(
  { loaded, plan, notes }: Awaited<ReturnType<typeof planScenario>>,
  runId: string,
  options: RunOptions,
  exported: RunExport | undefined,
): Promise<RunOutcome> {
  const scenario = loaded.config;
  const runtime = runtimes[(options.runtime ?? 'local') as keyof typeof runtimes]();
  const engine = engines[(options.engine ?? 'http') as EngineName]({ client: scenario.engine.client });
  // What the runtime and the engine need (docker: a daemon; k6: its binary) fails here, before a results dir exists.
  await runtime.preflight?.();
  await engine.preflight?.();

  const results: RunResults = {
    schemaVersion: SCHEMA_VERSION,
    runId,
    status: 'running',
    startedAt: Date.now(),
    scenario: {
      name: scenario.name,
      ...(scenario.description ? { description: scenario.description } : {}),
      file: loaded.file,
      hash: loaded.hash,
      config: JSON.parse(JSON.stringify(scenario)),
    },
    options: {
      durationScale: plan.durationScale,
      trials: options.trials ?? scenario.trials,
      runtime: runtime.name,
      ...(options.targets ? { targets: options.targets } : {}),
    },
    environment: describeEnvironment(runtime.name, engine.description ?? engine.name),
    cells: plan.cells.map(newCellResult),
  };
  const store = new ResultsStore(resolve(options.out ?? 'results'), results);
  const observer = combineObservers([
    ...(options.log ? [{ onLog: options.log }] : []),
    ...(options.observers ?? []),
    ...(exported ? [exported.observer] : []),
  ]);
  const announce = options.announce ?? observer.onLog;
  announce(`run ${results.runId}: ${plan.cells.length} cell(s) → ${store.dir}`);
  for (const note of notes) announce(note);
  if (exported) {
    const { exporterUrl, serverUrl, configFile, remoteWriteUrl } = exported.info;
    if (exporterUrl) announce(`prometheus: harness metrics at ${exporterUrl}`);
    if (remoteWriteUrl) announce(`prometheus: pushing harness metrics to ${remoteWriteUrl} (remote write)`);
    if (serverUrl)
      announce(`prometheus: server at ${serverUrl} (config ${configFile}); it stops with the run`);
  }

  const signal = options.signal ?? new AbortController().signal;
  await runPlan(scenario, plan, {
    runtime,
    engine,
    resolveArch: resolveTopology,
    archVerify: architectureVerify,
    archScaler: architectureScaler,
    store,
    observer,
    signal,
  });
  if (exported && !signal.aborted) await exported.beforeStop(results);

  const { writeReports } = await import('./write-reports.ts');
  const files = [store.file, ...(await writeReports(store.dir, results))];
  return { results, dir: store.dir, files, exitCode: results.verdict?.exitCode ?? 1 };
}

/** What k6 would run of a plan, once per profile: its warm-up and its profile. */
function k6Executors(plan: RunPlan): { path: string; executor: CellExecutor }[] {
  const seen = new Set<string>();
  return plan.cells.flatMap((cell) => {
    if (seen.has(cell.profile)) return [];
    seen.add(cell.profile);
    return [
      ...(cell.warmup ? [{ path: 'warmup', executor: cell.warmup }] : []),
      { path: `profiles.${cell.profile}`, executor: cell.executor },
    ];
  });
}
