/**
 * `harness export k6 <scenario> [--out dir]`: the scenario as a k6 script,
 * `<name>.ts` (typed with @types/k6, for people to read and change) and
 * `<name>.js` (the same program bundled, what `k6 run` takes).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleK6Script } from '../script/bundle.ts';
import { generateK6Script } from '../script/generate-script.ts';
import { type ScenarioScriptOptions, scenarioScriptInput } from './scenario-script.ts';

export interface ExportK6Result {
  files: string[];
  /** Thresholds the script leaves out, with why. */
  dropped: string[];
  profiles: string[];
  js: string;
}

export async function exportK6(file: string, opts: ScenarioScriptOptions): Promise<ExportK6Result> {
  const outDir = resolve(opts.outDir);
  const { input, scenario, profiles } = await scenarioScriptInput(file, { ...opts, outDir });
  const { source, dropped } = generateK6Script(input);
  // Bundled before a file is written (a flow that does not bundle writes none); the flow's import resolves from outDir.
  mkdirSync(outDir, { recursive: true });
  const js = await bundleK6Script(source, outDir, `${scenario.name}.ts`);
  const files = [
    writeAtomic(join(outDir, `${scenario.name}.ts`), source),
    writeAtomic(join(outDir, `${scenario.name}.js`), js),
  ];
  return { files, dropped, profiles, js };
}

function writeAtomic(file: string, text: string): string {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
  return file;
}
