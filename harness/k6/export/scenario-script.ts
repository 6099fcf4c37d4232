/**
 * A harness scenario file as one k6 script: its profiles as k6 scenarios
 * that run one after another, as harness runs them (each starts when the one
 * before is certainly done: its last iteration start plus k6's graceful stop),
 * for one target at BASE_URL. The plan comes from the same planner as
 * `harness run` (presets expanded, `--duration-scale` applied).
 */
import { dirname, relative, resolve, sep } from 'node:path';
import type { ScenarioConfig } from '../../../model/index.ts';
import { executorsOf, type InputProblem, InvalidInputError, parseDuration } from '../../../model/index.ts';
import { architectureProblems } from '../../../targets/index.ts';
import { buildRunPlan, unknownNames } from '../../plan/plan.ts';
import { profileWorkload } from '../../plan/profile-workload.ts';
import { loadScenario } from '../../scenario/load.ts';
import type { ScriptInput, ScriptScenario } from '../script/generate-script.ts';
import { executorEndMs, k6ScenarioName } from '../script/k6-scenarios.ts';

export interface ScenarioScriptOptions {
  /** Only these profiles (default: all, in the scenario's order). */
  profiles?: string[];
  durationScale?: number;
  /** BASE_URL when k6 gets no `-e BASE_URL=…`. */
  baseUrl?: string;
  /** Where the script will be written: a flow's import is relative to it. */
  outDir: string;
}

export const DEFAULT_BASE_URL = 'http://127.0.0.1:8080';

export async function scenarioScriptInput(
  file: string,
  opts: ScenarioScriptOptions,
): Promise<{ input: ScriptInput; scenario: ScenarioConfig; profiles: string[] }> {
  const loaded = await loadScenario(file, { knownArchitectures: architectureProblems });
  const scenario = loaded.config;
  const problems: InputProblem[] = [];
  for (const p of unknownNames(opts.profiles, Object.keys(scenario.profiles)))
    problems.push({
      path: '--profiles',
      message: `no profile "${p}" in the scenario; it has: ${Object.keys(scenario.profiles).join(', ')}`,
    });
  if (problems.length > 0) throw new InvalidInputError(file, problems);

  const plan = buildRunPlan(scenario, {
    durationScale: opts.durationScale ?? 1,
    trials: 1,
    ...(opts.profiles ? { profiles: opts.profiles } : {}),
  });
  // One cell per profile: the first target's, without faults (k6 injects none).
  const first = plan.targets[0]!.name;
  const seen = new Set<string>();
  const cells = plan.cells.filter(
    (c) => c.target.name === first && !seen.has(c.profile) && seen.add(c.profile),
  );
  const prefix = cells.length > 1;
  const scenarios: ScriptScenario[] = [];
  let offset = 0;
  for (const cell of cells) {
    let end = offset;
    for (const { name, executor } of executorsOf(cell.executor)) {
      scenarios.push({
        // One profile keeps its scenario names (thresholds tagged {scenario:…} match); several are prefixed.
        name: k6ScenarioName(name === undefined ? cell.profile : prefix ? `${cell.profile}-${name}` : name),
        executor,
        workload: profileWorkload(scenario.workload, executor),
        offsetMs: offset,
      });
      end = Math.max(end, executorEndMs(executor, offset));
    }
    offset = end;
  }
  const script = scenario.workload.script;
  const outDir = resolve(opts.outDir);
  const flowPath = script ? resolve(dirname(loaded.absPath), script.file) : undefined;
  const input: ScriptInput = {
    header: [
      `k6 script made by harness from ${file} (scenario "${scenario.name}"): profiles ${cells.map((c) => c.profile).join(', ')}${prefix ? ', one after another' : ''}.`,
      ...(opts.durationScale && opts.durationScale !== 1
        ? [`Durations scaled by ${opts.durationScale}.`]
        : []),
      'Edit it freely; `harness export k6` writes it again from the scenario.',
    ],
    scenarios,
    items: scenario.dataset.items,
    timeoutMs: parseDuration(scenario.http.timeout),
    baseUrl: opts.baseUrl ?? DEFAULT_BASE_URL,
    ...(scenario.thresholds ? { thresholds: scenario.thresholds } : {}),
    ...(flowPath
      ? {
          flow: {
            importPath: importPathOf(outDir, flowPath),
            ...(script?.export ? { export: script.export } : {}),
          },
        }
      : {}),
  };
  return { input, scenario, profiles: cells.map((c) => c.profile) };
}

/** `./flows/x.ts` or `../scenarios/flows/x.ts`, from the script's directory. */
function importPathOf(fromDir: string, file: string): string {
  const rel = relative(fromDir, file).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}
