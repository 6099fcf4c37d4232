/**
 * `harness import k6 <json files…>`: k6 JSON outputs — one k6 run, or the N
 * runners of a k6-operator TestRun, each with its execution segment — merged
 * into one harness results dir: one cell of per-second HDR samples (counts
 * and histograms added across runners, each runner's VUs summed), its
 * thresholds evaluated, the reports written. `harness report`, `gate` and
 * `compare` then read it as any run.
 *
 * With `--scenario` (the file the script was exported from) the cell gets
 * the profile's executor and the scenario's thresholds; without, the
 * thresholds k6 declared in its output, and an executor described from what
 * was measured (said in the cell's notes).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CellExecutor, IntervalSample, ScenarioConfig, ThresholdsConfig } from '../../../model/index.ts';
import {
  type CellResult,
  executorsOf,
  formatDuration,
  type InputProblem,
  InvalidInputError,
  modelOf,
  type RunResults,
  SCHEMA_VERSION,
  summarizeCell,
} from '../../../model/index.ts';
import { architectureProblems } from '../../../targets/index.ts';
import { buildRunPlan } from '../../plan/plan.ts';
import { ResultsStore } from '../../results/store.ts';
import { describeEnvironment } from '../../run/environment.ts';
import { newRunId } from '../../run/run-id.ts';
import { verdictOf } from '../../run/verdict.ts';
import { loadScenario } from '../../scenario/load.ts';
import { checkThresholds, evaluateThresholds } from '../../thresholds/index.ts';
import type { K6Point } from '../output/json-lines.ts';
import { PointAggregator } from '../output/point-aggregator.ts';
import { k6ScenarioName } from '../script/k6-scenarios.ts';
import { readK6Output } from './read-k6-output.ts';

export interface ImportK6Options {
  files: string[];
  /** Results root (default `results`): the run goes to `<out>/<run-id>`. */
  out: string;
  /** The harness scenario the k6 script was exported from. */
  scenarioFile?: string;
  /** Its profile that ran (needed when it has several). */
  profile?: string;
  /** The target's name in results (default `k6`). */
  target?: string;
}

const GAUGES = new Set(['vus', 'vus_max']);

export async function importK6(o: ImportK6Options): Promise<{ dir: string; results: RunResults }> {
  const problems: InputProblem[] = [];
  if (o.files.length === 0)
    problems.push({ path: '<files>', message: 'give at least one k6 JSON output file' });
  for (const f of o.files) {
    try {
      if (!statSync(f).isFile()) problems.push({ path: f, message: 'not a file' });
    } catch {
      problems.push({ path: f, message: 'no such file' });
    }
  }
  if (problems.length > 0)
    throw new InvalidInputError(undefined, problems, 'e.g. harness import k6 runner-1.json runner-2.json');

  const { scenario, hash, profile, executor } = await scenarioOf(o);
  const k6Names = executor ? scenarioNames(executor, profile!, scenario!) : undefined;
  const ours = (p: K6Point) =>
    k6Names === undefined || GAUGES.has(p.metric) || k6Names.has(p.tags.scenario ?? 'default');

  // Pass 1: the window (first and last sample that is not a VU tick), the thresholds k6 declared, what each file holds.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const declared: ThresholdsConfig = {};
  const seenScenarios = new Set<string>();
  for (const file of o.files) {
    const { records } = await readK6Output(file, (rec) => {
      if (rec.kind === 'metric') {
        if (rec.metric.thresholds.length > 0) declared[rec.metric.name] = rec.metric.thresholds;
        return;
      }
      const p = rec.point;
      if (GAUGES.has(p.metric) || !ours(p)) return;
      first = Math.min(first, p.time);
      last = Math.max(last, p.time);
      if (p.tags.scenario) seenScenarios.add(p.tags.scenario);
    });
    if (records === 0)
      problems.push({
        path: file,
        message: 'holds no k6 JSON output (k6 run --out json=<file>): no Metric or Point record',
      });
  }
  if (problems.length === 0 && first === Number.POSITIVE_INFINITY)
    problems.push({
      path: o.files.join(', '),
      message: k6Names
        ? `no sample of the k6 scenarios ${[...k6Names].join(', ')} (profile ${profile})`
        : 'no sample in any file',
    });
  if (problems.length > 0) throw new InvalidInputError(undefined, problems);

  // Pass 2: every runner's points into one aggregator, each runner its own instance for the VU gauges.
  const intervals: IntervalSample[] = [];
  const named = executor?.executor === 'scenarios';
  const aggregator = new PointAggregator({
    t0: first,
    sink: (s) => intervals.push(s),
    ...(named ? { scenarios: [...k6Names!] } : {}),
    openScenarios: openOf(executor, profile, scenario),
  });
  for (const [i, file] of o.files.entries())
    await readK6Output(file, (rec) => {
      if (rec.kind !== 'point' || !ours(rec.point)) return;
      const p = rec.point;
      if (GAUGES.has(p.metric) && (p.time < first - 1000 || p.time > last + 1000)) return;
      aggregator.add(p, p.tags.instance_id ?? String(i));
    });
  aggregator.finish();

  const notes: string[] = [
    `imported from k6 JSON output: ${o.files.length} file(s)${o.files.length > 1 ? ' (execution segments merged)' : ''}`,
    'k6 measures http_req_duration from the send: open-model latency here has no coordinated-omission correction',
  ];
  const vusMax = Math.max(0, ...intervals.map((s) => s.vusMax));
  const cellExecutor: CellExecutor = executor ?? {
    executor: 'constant-vus',
    vus: Math.max(1, vusMax),
    duration: formatDuration(Math.max(1, last - first)),
  };
  if (!executor)
    notes.push(
      `executor not known (no --scenario): described as ${vusMax} VUs over the measured ${formatDuration(last - first)}`,
    );
  const thresholds = usableThresholds(scenario?.thresholds ?? declared, notes);
  const name = scenario?.name ?? 'k6-import';
  const runId = newRunId(name);
  const target = o.target ?? 'k6';
  const cell: CellResult = {
    id: `${target}/${profile ?? 'k6'}/1`,
    target,
    targetKind: 'url',
    profile: profile ?? 'k6',
    trial: 1,
    executor: cellExecutor,
    model: modelOf(cellExecutor),
    status: 'completed',
    startedAt: Math.round(first),
    endedAt: Math.round(last),
    intervals,
    ...(intervals.length > 0 ? { summary: summarizeCell(intervals) } : {}),
    ...(Object.keys(thresholds).length > 0 ? { thresholds: evaluateThresholds(thresholds, intervals) } : {}),
    generatorBound: intervals.some((s) => s.droppedIterations > 0),
    generatorNotes: notes,
  };
  const environment = describeEnvironment(
    'k6',
    `k6 (imported, ${o.files.length} instance${o.files.length > 1 ? 's' : ''})`,
  );
  const results: RunResults = {
    schemaVersion: SCHEMA_VERSION,
    runId,
    status: 'completed',
    startedAt: Math.round(first),
    endedAt: Math.round(last),
    scenario: {
      name,
      file: o.scenarioFile ?? o.files[0]!,
      hash,
      config: scenario ? JSON.parse(JSON.stringify(scenario)) : { name, thresholds },
    },
    options: { durationScale: 1, trials: 1, runtime: 'k6' },
    environment,
    cells: [cell],
  };
  results.verdict = verdictOf(results, new AbortController().signal, undefined);
  const store = new ResultsStore(resolve(o.out), results);
  return { dir: store.dir, results };
}

async function scenarioOf(o: ImportK6Options): Promise<{
  scenario?: ScenarioConfig;
  hash: string;
  profile?: string;
  executor?: CellExecutor;
}> {
  if (!o.scenarioFile) {
    const h = createHash('sha256');
    for (const f of o.files) h.update(readFileSync(f));
    return { hash: h.digest('hex'), ...(o.profile ? { profile: o.profile } : {}) };
  }
  const loaded = await loadScenario(o.scenarioFile, { knownArchitectures: architectureProblems });
  const profiles = Object.keys(loaded.config.profiles);
  const profile = o.profile ?? (profiles.length === 1 ? profiles[0] : undefined);
  if (profile === undefined || !profiles.includes(profile))
    throw new InvalidInputError(o.scenarioFile, [
      {
        path: '--profile',
        message:
          profile === undefined
            ? `the scenario has several profiles (${profiles.join(', ')}): say which one ran, e.g. --profile ${profiles[0]}`
            : `no profile "${profile}" in the scenario; it has: ${profiles.join(', ')}`,
      },
    ]);
  const plan = buildRunPlan(loaded.config, { profiles: [profile], trials: 1 });
  return { scenario: loaded.config, hash: loaded.hash, profile, executor: plan.cells[0]!.executor };
}

/** The k6 scenario names the profile's executors ran under (see export/scenario-script.ts). */
function scenarioNames(executor: CellExecutor, profile: string, scenario: ScenarioConfig): Set<string> {
  const several = Object.keys(scenario.profiles).length > 1;
  const names = new Set<string>();
  for (const { name } of executorsOf(executor)) {
    const plain = k6ScenarioName(name === undefined ? profile : name);
    names.add(plain);
    // A script exported with every profile prefixes a scenarios profile's names with the profile.
    if (name !== undefined && several) names.add(k6ScenarioName(`${profile}-${name}`));
  }
  return names;
}

function openOf(
  executor: CellExecutor | undefined,
  profile: string | undefined,
  scenario: ScenarioConfig | undefined,
): Set<string> {
  if (!executor || !profile || !scenario) return new Set();
  const open = new Set<string>();
  for (const { name, executor: e } of executorsOf(executor))
    if (e.executor.endsWith('arrival-rate')) {
      open.add(k6ScenarioName(name ?? profile));
      if (name !== undefined) open.add(k6ScenarioName(`${profile}-${name}`));
    }
  return open;
}

/** Thresholds harness can evaluate on the imported data; the others named in the notes. */
function usableThresholds(thresholds: ThresholdsConfig, notes: string[]): ThresholdsConfig {
  const out: ThresholdsConfig = {};
  for (const [key, entries] of Object.entries(thresholds)) {
    const problems = checkThresholds({ [key]: entries });
    if (problems.length === 0) out[key] = entries;
    else notes.push(`threshold ${key} not evaluated: ${problems.map((p) => p.message).join('; ')}`);
  }
  return out;
}
