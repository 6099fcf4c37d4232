import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvalidInputError } from '../../../model/index.ts';
import { registerScenarioHooks } from '../../scenario/module-hooks.ts';
import type { VuScript } from './vu-api.ts';

/** The file: URL of a script path (relative to the working directory) or URL. */
export function scriptUrl(file: string): string {
  if (file.startsWith('file:')) return file;
  return pathToFileURL(isAbsolute(file) ? file : resolve(file)).href;
}

/** Imports a script module (TypeScript runs through tsx, as the CLI does) and returns its iteration function. */
export async function loadScript(script: { file: string; export?: string }): Promise<VuScript> {
  const name = script.export ?? 'default';
  let mod: Record<string, unknown>;
  try {
    registerScenarioHooks();
    mod = (await import(scriptUrl(script.file))) as Record<string, unknown>;
  } catch (err) {
    throw new InvalidInputError(script.file, [
      { path: '', message: `cannot load the script: ${(err as Error).message}` },
    ]);
  }
  const fn = mod[name];
  if (typeof fn !== 'function') {
    throw new InvalidInputError(script.file, [
      { path: name, message: `expected the script to export a function \`${name}\` (async (vu) => { … })` },
    ]);
  }
  return fn as VuScript;
}
