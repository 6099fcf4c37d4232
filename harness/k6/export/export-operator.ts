/**
 * `harness export k6-operator <scenario> --parallelism N`: the scenario's k6
 * script in a ConfigMap and a TestRun for k6-operator, for load beyond one
 * machine. `kubectl apply -f <dir>` starts it; `harness import k6` merges the
 * runners' JSON outputs into one results dir.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { type InputProblem, InvalidInputError } from '../../../model/index.ts';
import {
  scriptConfigMap,
  type TestRunOptions,
  testRun,
  testRunName,
  testRunNameProblem,
} from '../operator/testrun.ts';
import { bundleK6Script } from '../script/bundle.ts';
import { generateK6Script } from '../script/generate-script.ts';
import { scenarioScriptInput } from './scenario-script.ts';

export interface ExportOperatorOptions {
  outDir: string;
  parallelism: number;
  /** Where the runners send their load, inside the cluster (required: loopback means nothing there). */
  baseUrl: string;
  name?: string;
  namespace?: string;
  resultsClaim?: string;
  image?: string;
  separate?: boolean;
  profiles?: string[];
  durationScale?: number;
}

/** A ConfigMap holds at most 1 MiB. */
const CONFIGMAP_LIMIT = 1024 * 1024;

export async function exportOperator(
  file: string,
  opts: ExportOperatorOptions,
): Promise<{ files: string[]; name: string; dropped: string[] }> {
  const problems: InputProblem[] = [];
  if (!Number.isInteger(opts.parallelism) || opts.parallelism < 1)
    problems.push({ path: '--parallelism', message: `expected a whole number ≥ 1, got ${opts.parallelism}` });
  if (!/^https?:\/\/[^/\s]+/.test(opts.baseUrl))
    problems.push({
      path: '--base-url',
      message: `expected an http(s) URL the runners can reach, got "${opts.baseUrl}"`,
    });
  const nameProblem = opts.name === undefined ? undefined : testRunNameProblem(opts.name);
  if (nameProblem) problems.push({ path: '--name', message: nameProblem });
  if (problems.length > 0)
    throw new InvalidInputError(undefined, problems, 'see `harness export k6-operator --help`');

  const outDir = resolve(opts.outDir);
  mkdirSync(outDir, { recursive: true });
  const { input, scenario } = await scenarioScriptInput(file, { ...opts, outDir });
  const { source, dropped } = generateK6Script({ ...input, baseUrl: opts.baseUrl });
  const js = await bundleK6Script(source, outDir, `${scenario.name}.ts`);
  if (Buffer.byteLength(js) > CONFIGMAP_LIMIT * 0.95)
    throw new InvalidInputError(file, [
      {
        path: 'workload.script',
        message: `the bundled k6 script is ${Buffer.byteLength(js)} bytes: too big for a ConfigMap (1 MiB)`,
      },
    ]);
  const name = opts.name ?? testRunName(`harness-${scenario.name}`);
  const run: TestRunOptions = {
    name,
    parallelism: opts.parallelism,
    scriptFile: `${scenario.name}.js`,
    baseUrl: opts.baseUrl,
    ...(opts.namespace ? { namespace: opts.namespace } : {}),
    ...(opts.resultsClaim ? { resultsClaim: opts.resultsClaim } : {}),
    ...(opts.image ? { image: opts.image } : {}),
    ...(opts.separate ? { separate: true } : {}),
  };
  const files = [
    write(join(outDir, 'configmap.yaml'), stringify(scriptConfigMap(run, js), { lineWidth: 0 })),
    write(join(outDir, 'testrun.yaml'), stringify(testRun(run), { lineWidth: 0 })),
  ];
  return { files, name, dropped };
}

function write(file: string, text: string): string {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
  return file;
}
