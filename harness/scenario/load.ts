/**
 * Loads a scenario file (TypeScript/JavaScript module, YAML or JSON) and
 * validates it. Whatever goes wrong — a missing file, a syntax error, a module
 * that throws, a schema or semantic problem — ends up as ONE InvalidInputError
 * with every problem found and its path.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import YAML from 'yaml';
import type { ScenarioConfig } from '../../model/index.ts';
import { type InputProblem, InvalidInputError } from '../../model/index.ts';
import { registerScenarioHooks } from './module-hooks.ts';
import { type ValidateOptions, validateScenario } from './validate.ts';

export interface LoadScenarioOptions {
  /** Problems with a built-in architecture name and its params (empty when it is known and fine). */
  knownArchitectures: NonNullable<ValidateOptions['knownArchitectures']>;
  /** Changes the scenario as written before it is validated (`harness capacity` gives it a capacity profile). */
  rewrite?: (input: unknown) => unknown;
}

export interface LoadedScenario {
  /** The path as given. */
  file: string;
  absPath: string;
  /** sha256 of the file's bytes, hex. */
  hash: string;
  config: ScenarioConfig;
}

const MODULE_EXTS = new Set(['.ts', '.mts', '.js', '.mjs']);
const EXTS = [...MODULE_EXTS, '.yaml', '.yml', '.json'];
const SCHEMA_HINT = 'see scenarios/quickstart.ts for a complete, working scenario';

/**
 * A scenario given as an object (`runScenario(defineScenario({…}))`): validated
 * like a file; its hash is that of its JSON, and a script file it names is
 * relative to the working directory.
 */
export function inlineScenario(input: unknown, opts: LoadScenarioOptions): LoadedScenario {
  const file = '(inline scenario)';
  const result = validateScenario(opts.rewrite ? opts.rewrite(input) : input, {
    knownArchitectures: opts.knownArchitectures,
  });
  if (!result.ok) throw new InvalidInputError(file, result.problems, SCHEMA_HINT);
  const hash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  return { file, absPath: resolve(file), hash, config: result.config };
}

export async function loadScenario(file: string, opts: LoadScenarioOptions): Promise<LoadedScenario> {
  const { absPath, hash, input } = await readScenarioFile(file);
  const result = validateScenario(opts.rewrite ? opts.rewrite(input) : input, {
    knownArchitectures: opts.knownArchitectures,
  });
  if (!result.ok) throw new InvalidInputError(file, result.problems, SCHEMA_HINT);
  return { file, absPath, hash, config: result.config };
}

/** Reads and parses a scenario file without validating it. Throws InvalidInputError. */
export async function readScenarioFile(
  file: string,
): Promise<{ absPath: string; hash: string; input: unknown }> {
  const absPath = resolve(file);
  const ext = extname(absPath).toLowerCase();
  const fail = (message: string, hint?: string): never => {
    throw new InvalidInputError(file, [{ path: '', message }], hint);
  };

  let bytes: Buffer;
  try {
    bytes = await readFile(absPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return fail(`file not found: ${absPath}`, 'check the path (it is relative to the current directory)');
    if (code === 'EISDIR') return fail('this is a directory, not a scenario file');
    return fail(`cannot read the file: ${(err as Error).message}`);
  }
  if (!EXTS.includes(ext)) {
    return fail(`unsupported file type "${ext || '(none)'}": expected ${EXTS.join(', ')}`);
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  const text = bytes.toString('utf8');
  if (text.trim() === '') return fail('the file is empty');

  let problems: InputProblem[] = [];
  let input: unknown;
  if (ext === '.json') [input, problems] = parseJson(text);
  else if (ext === '.yaml' || ext === '.yml') [input, problems] = parseYaml(text);
  else [input, problems] = await importModule(absPath, hash);
  if (problems.length > 0) throw new InvalidInputError(file, problems);
  return { absPath, hash, input };
}

type Parsed = [unknown, InputProblem[]];

function parseJson(text: string): Parsed {
  try {
    return [JSON.parse(text), []];
  } catch (err) {
    const what = (err as Error).message
      .replace(/\s*(?:in JSON )?at position \d+.*$/s, '')
      .replace(/, ".*" is not valid JSON$/s, '')
      .replace(/\s*\(line \d+ column \d+\)$/, '');
    const offset = jsonErrorOffset(text, (err as Error).message);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return [undefined, [{ path: '', message: `invalid JSON at line ${line}, column ${column}: ${what}` }]];
  }
}

/**
 * Offset of a JSON syntax error. Older V8 says "at position N"; newer V8
 * often does not, so find the shortest prefix that fails for another reason
 * than running out of input: every shorter prefix starts some valid JSON.
 */
function jsonErrorOffset(text: string, message: string): number {
  const pos = /at position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  const breaks = (k: number): boolean => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (e) {
      const m = (e as Error).message;
      const at = /at position (\d+)/.exec(m);
      // Running out of input shows as "end of JSON" or as an error at the very end of the prefix.
      return !/end of (JSON|data)/i.test(m) && !(at && Number(at[1]) >= k);
    }
  };
  let [lo, hi] = [0, text.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks(mid)) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(0, lo - 1);
}

function parseYaml(text: string): Parsed {
  const doc = YAML.parseDocument(text);
  if (doc.errors.length > 0) {
    return [
      undefined,
      doc.errors.map((e) => {
        // yaml appends " at line L, column C:" and a code frame; keep the sentence, state the place once.
        const what = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        const at = e.linePos?.[0];
        return {
          path: '',
          message: at
            ? `invalid YAML at line ${at.line}, column ${at.col}: ${what}`
            : `invalid YAML: ${what}`,
        };
      }),
    ];
  }
  const input = doc.toJS();
  if (input === null || input === undefined) return [undefined, [{ path: '', message: 'the file is empty' }]];
  return [input, []];
}

async function importModule(absPath: string, hash: string): Promise<Parsed> {
  let ns: Record<string, unknown>;
  try {
    // The hash in the query makes an edited file load afresh within one process (watch mode, tests).
    registerScenarioHooks();
    ns = await import(`${pathToFileURL(absPath).href}?v=${hash.slice(0, 16)}`);
  } catch (err) {
    return [undefined, [{ path: '', message: await describeImportError(err, absPath) }]];
  }
  const value = ns.default !== undefined ? ns.default : ns.scenario;
  if (value === undefined) {
    const names = Object.keys(ns);
    const found = names.length > 0 ? ` (it exports: ${names.join(', ')})` : '';
    return [
      undefined,
      [{ path: '', message: `no scenario exported${found}: use "export default defineScenario({ … })"` }],
    ];
  }
  return [value, []];
}

/** A module that failed to load: a syntax error with its line, or what it threw. */
async function describeImportError(err: unknown, absPath: string): Promise<string> {
  const e = err instanceof Error ? err : new Error(String(err));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colours from transformer messages.
  const text = e.message.replace(/\u001b\[[0-9;]*m/g, '');
  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? text;
  const syntax =
    e.name === 'SyntaxError' || /transform failed|parse_error|failed to parse source/i.test(text);
  if (syntax) {
    if (/\.m?js$/.test(absPath)) {
      const checked = await nodeCheck(absPath);
      if (checked) return `syntax error at line ${checked.line}: ${checked.message}`;
    }
    // tsx (esbuild): `file.ts:3:11: ERROR: Unexpected ","`; vitest (oxc): `[PARSE_ERROR] Unexpected token … file.ts:3:12`.
    const file = basename(absPath).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const at = new RegExp(`${file}(?:\\?[^\\s:]*)?:(\\d+):(\\d+)`).exec(text);
    const what = /ERROR:\s*(.+)/.exec(text)?.[1] ?? /\[PARSE_ERROR\]\s*(.+)/.exec(text)?.[1] ?? firstLine;
    return `syntax error${at ? ` at line ${at[1]}, column ${at[2]}` : ''}: ${what.trim()}`;
  }
  // Point at the line of the scenario file that threw, when the stack shows it.
  const escaped = absPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const frame = new RegExp(`${escaped}(?:\\?[^:]*)?:(\\d+)`).exec(e.stack ?? '');
  return `the module threw while loading${frame ? ` (line ${frame[1]})` : ''}: ${firstLine}`;
}

/**
 * Node's ESM loader throws SyntaxErrors without a location; `node --check`
 * prints `file:LINE` first and the SyntaxError last. Only run on the error
 * path, so it costs nothing when files are fine.
 */
async function nodeCheck(absPath: string): Promise<{ line: number; message: string } | undefined> {
  try {
    await promisify(execFile)(process.execPath, ['--check', absPath], { timeout: 10_000 });
    return undefined;
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? '');
    const line = /:(\d+)\r?\n/.exec(stderr)?.[1];
    const message = /^SyntaxError: (.+)$/m.exec(stderr)?.[1];
    return line && message ? { line: Number(line), message } : undefined;
  }
}
