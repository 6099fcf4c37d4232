import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../model/index.ts';
import { loadScenario } from './load.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const knownArchitectures = (name: string) =>
  ['monolith', 'replicated'].includes(name) ? [] : [`unknown architecture "${name}"`];
const opts = { knownArchitectures };

/** Loads a file that must fail and returns its error. */
async function loadError(file: string): Promise<InvalidInputError> {
  const err = await loadScenario(file, opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidInputError);
  return err as InvalidInputError;
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'harness-load-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});
async function tmpFile(name: string, text: string): Promise<string> {
  const file = join(tmp, name);
  await writeFile(file, text);
  return file;
}

describe('loadScenario: formats', () => {
  it.each(['valid.ts', 'valid.yaml', 'valid.json'])('loads %s with defaults applied', async (name) => {
    const loaded = await loadScenario(fixture(name), opts);
    expect(loaded.absPath).toBe(fixture(name));
    expect(loaded.config.name).toBe('fixture-valid');
    expect(loaded.config.dataset).toEqual({ items: 1000, valueSize: 100 });
    expect(loaded.config.workload.mix[0]).toMatchObject({ name: 'read', method: 'GET', weight: 9 });
    expect(loaded.config.profiles.steady).toMatchObject({
      executor: 'constant-arrival-rate',
      timeUnit: '1s',
    });
  });

  it('gives the same config for the TypeScript, YAML and JSON variants', async () => {
    const [ts, yaml, json] = await Promise.all(
      ['valid.ts', 'valid.yaml', 'valid.json'].map((n) => loadScenario(fixture(n), opts)),
    );
    expect(yaml!.config).toEqual(ts!.config);
    expect(json!.config).toEqual(ts!.config);
  });

  it('hashes the bytes of the file with sha256', async () => {
    const loaded = await loadScenario(fixture('valid.yaml'), opts);
    const expected = createHash('sha256')
      .update(await readFile(fixture('valid.yaml')))
      .digest('hex');
    expect(loaded.hash).toBe(expected);
    expect(loaded.file).toBe(fixture('valid.yaml'));
  });

  it('accepts a named `scenario` export', async () => {
    const loaded = await loadScenario(fixture('named-export.ts'), opts);
    expect(loaded.config.name).toBe('fixture-named');
  });

  it('loads an edited module afresh in the same process', async () => {
    const body = (name: string) =>
      `export default { name: '${name}', targets: ['monolith'], workload: { mix: [{ name: 'r', path: '/' }] }, profiles: { p: { executor: 'constant-vus', duration: '1s' } } };\n`;
    const file = await tmpFile('edited.mjs', body('first'));
    expect((await loadScenario(file, opts)).config.name).toBe('first');
    await writeFile(file, body('second'));
    expect((await loadScenario(file, opts)).config.name).toBe('second');
  });
});

describe('loadScenario: every problem in one error', () => {
  // The required behaviour: a misspelled key, a wrong type and a bad threshold
  // expression are reported together, each with its path.
  it.each(['three-problems.ts', 'three-problems.yaml', 'three-problems.json'])(
    '%s: one InvalidInputError listing all three',
    async (name) => {
      const err = await loadError(fixture(name));
      expect(err.exitCode).toBe(2);
      expect(err.problems).toEqual([
        { path: 'profiles.smoke.duraton', message: 'unknown key "duraton" — did you mean "duration"?' },
        { path: 'profiles.steady.rate', message: 'expected a number, got string "fast"' },
        {
          path: 'thresholds.http_req_duration[0]',
          message: '"p95<200": unknown aggregation "p95" — did you mean "p(95)"?',
        },
      ]);
      expect(err.message).toContain('3 problems');
      expect(err.hint).toBeTruthy();
    },
  );

  it('reports semantic problems next to schema problems', async () => {
    const file = await tmpFile(
      'mixed.yaml',
      [
        'name: mixed',
        'targets: [monolith, shardd]',
        'workload:',
        '  mix:',
        '    - { name: read, path: /a, weight: heavy }',
        '    - { name: read, path: /b }',
        'profiles:',
        '  open: { executor: constant-arrival-rate, rate: 5, duration: 10s, preAllocatedVUs: 20, maxVUs: 10 }',
        'thresholds:',
        '  http_req_duration{status:500}: [p(95)<200]',
      ].join('\n'),
    );
    const paths = (await loadError(file)).problems.map((p) => p.path);
    expect(paths).toEqual([
      'targets[1]',
      'workload.mix[0].weight',
      'workload.mix[1].name',
      'profiles.open.maxVUs',
      'thresholds["http_req_duration{status:500}"]',
    ]);
  });
});

describe('loadScenario: files that cannot be read or parsed', () => {
  it('missing file', async () => {
    const err = await loadError(join(tmp, 'nope.ts'));
    expect(err.problems).toEqual([
      { path: '', message: expect.stringMatching(/^file not found: .*nope\.ts$/) },
    ]);
  });

  it('a directory', async () => {
    const err = await loadError(tmp);
    expect(err.problems[0]!.message).toMatch(/directory/);
  });

  it('unsupported extension', async () => {
    const err = await loadError(await tmpFile('scenario.toml', 'name = "x"'));
    expect(err.problems[0]!.message).toMatch(/unsupported file type ".toml"/);
  });

  it('empty file', async () => {
    const err = await loadError(await tmpFile('empty.yaml', '\n# nothing here\n'));
    expect(err.problems[0]!.message).toBe('the file is empty');
  });

  it('JSON syntax error, with line and column', async () => {
    const err = await loadError(
      await tmpFile('bad.json', '{\n  "name": "x",\n  "targets": ["a"]\n  "w": 1\n}'),
    );
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]!.message).toMatch(/^invalid JSON at line 4, column 3: /);
  });

  it('YAML syntax error, with line', async () => {
    const err = await loadError(await tmpFile('bad.yaml', 'name: x\ntargets: [monolith\nprofiles: {}\n'));
    expect(err.problems[0]!.message).toMatch(/^invalid YAML at line \d+, column \d+: /);
  });

  it('YAML duplicate keys', async () => {
    const err = await loadError(await tmpFile('dup.yaml', 'name: x\nname: y\n'));
    expect(err.problems[0]!.message).toMatch(/^invalid YAML at line 2, column 1: Map keys must be unique/);
  });

  it('TypeScript syntax error, with line', async () => {
    const err = await loadError(
      await tmpFile('bad.ts', 'export default {\n  name: "x",\n  foo: (1 +,\n};\n'),
    );
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]!.message).toMatch(/^syntax error at line 3\b/);
  });

  it('JavaScript syntax error, with line', async () => {
    const err = await loadError(
      await tmpFile('bad.mjs', 'export default {\n  name: "x",\n  foo: (1 +,\n};\n'),
    );
    expect(err.problems[0]!.message).toMatch(/^syntax error at line 3\b/);
  });

  it('a module that throws while loading', async () => {
    const err = await loadError(fixture('throws.ts'));
    expect(err.problems).toEqual([
      {
        path: '',
        message: expect.stringMatching(
          /^the module threw while loading.*: .*PORT_THAT_IS_NEVER_SET is not set$/,
        ),
      },
    ]);
  });

  it('a module without a default or `scenario` export', async () => {
    const err = await loadError(fixture('no-export.ts'));
    expect(err.problems).toEqual([
      {
        path: '',
        message: 'no scenario exported (it exports: config): use "export default defineScenario({ … })"',
      },
    ]);
  });

  it('a module whose default export is not an object', async () => {
    const err = await loadError(await tmpFile('fn.mjs', 'export default () => ({});\n'));
    expect(err.problems).toEqual([{ path: '', message: 'expected an object, got a function' }]);
  });
});
