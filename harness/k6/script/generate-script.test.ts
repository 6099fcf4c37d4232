import { describe, expect, it } from 'vitest';
import type { Workload } from '../../../model/index.ts';
import { bundleK6Script } from './bundle.ts';
import { generateK6Script, type ScriptInput } from './generate-script.ts';

const workload: Workload = {
  mix: [
    { name: 'get-item', weight: 90, method: 'GET', path: '/items/{key}', key: { dist: 'zipfian' } },
    {
      name: 'put-item',
      weight: 10,
      method: 'PUT',
      path: '/items/{key}',
      body: { value: 'v-{rand}' },
      ledger: true,
      expectStatus: [200, 201],
    },
  ],
  thinkTime: '100ms',
};

const input: ScriptInput = {
  header: ['test'],
  scenarios: [
    {
      name: 'readers',
      executor: { executor: 'constant-arrival-rate', rate: 10, timeUnit: '1s', duration: '5s' },
      workload,
    },
    {
      name: 'writers',
      executor: { executor: 'constant-vus', vus: 2, duration: '5s' },
      workload: { ...workload, mix: [workload.mix[1]!] },
    },
  ],
  items: 500,
  timeoutMs: 2500,
  baseUrl: 'http://127.0.0.1:8080',
  thresholds: {
    http_req_duration: ['p(95)<250'],
    'http_req_duration{name:get-item}': [{ threshold: 'p(99)<100', abortOnFail: true }],
    http_req_service_time: ['p(99)<50'],
  },
};

/** The options object as k6 will evaluate it: the bundled module, imported with k6's modules stubbed. */
async function optionsOf(source: string): Promise<Record<string, unknown>> {
  const js = await bundleK6Script(source, process.cwd());
  const stubbed = js
    .replace(/import \{[^}]*\} from "k6";/, 'const sleep = () => {}; const check = () => true;')
    .replace(
      /import http from "k6\/http";/,
      'const http = { expectedStatuses: (...s) => ({ s }), request: () => ({}) };',
    );
  const globals = 'globalThis.__ENV = {}; globalThis.__VU = 1; globalThis.__ITER = 0;';
  const mod = await import(
    `data:text/javascript;base64,${Buffer.from(globals + stubbed).toString('base64')}`
  );
  return mod.options as Record<string, unknown>;
}

describe('generateK6Script', () => {
  const { source, dropped } = generateK6Script(input);

  it('one k6 scenario per executor, each run by its own exec function over its own mix', async () => {
    const options = await optionsOf(source);
    expect(options.scenarios).toEqual({
      readers: {
        executor: 'constant-arrival-rate',
        rate: 10,
        timeUnit: '1s',
        duration: '5s',
        preAllocatedVUs: 10,
        maxVUs: 1000,
        exec: 'run_readers',
      },
      writers: { executor: 'constant-vus', vus: 2, duration: '5s', exec: 'run_writers' },
    });
    expect(source).toMatch(
      /export function run_readers\(\): void \{\n {2}iterate\(MIXES\.run_readers as Mix, false, 0\);/,
    );
    // Think time only in the closed model (seconds).
    expect(source).toMatch(/iterate\(MIXES\.run_writers as Mix, true, 0\.1\);/);
    expect(source).toContain("name: 'get-item'");
    expect(source).toContain(`body: '{"value":"v-{rand}"}'`);
    expect(source).toContain('expectStatus: [200, 201]');
    expect(source).toContain('const ITEMS: number = Number(__ENV.ITEMS || 500);');
    expect(source).toContain("const TIMEOUT = '2500ms';");
  });

  it("keeps k6's thresholds as written, leaves harness's own metrics out and says so", async () => {
    const options = await optionsOf(source);
    expect(options.thresholds).toEqual({
      http_req_duration: ['p(95)<250'],
      'http_req_duration{name:get-item}': [{ threshold: 'p(99)<100', abortOnFail: true }],
    });
    expect(dropped).toEqual([
      expect.stringMatching(/^http_req_service_time: p\(99\)<50 \(harness's own metric/),
    ]);
    expect(source).toMatch(/\/\/ {3}http_req_service_time: p\(99\)<50/);
  });

  it('a scripted flow is imported and run on a VuApi of k6/http calls', () => {
    const flow = generateK6Script({ ...input, flow: { importPath: './flows/x.ts' } }).source;
    expect(flow).toContain("import flow from './flows/x.ts';");
    expect(flow).toContain('await flow(vuApi(false) as unknown as Parameters<typeof flow>[0]);');
    expect(flow).toContain('await flow(vuApi(true) as unknown as Parameters<typeof flow>[0]);');
    expect(flow).not.toContain('const MIXES');
    expect(generateK6Script({ ...input, flow: { importPath: './x.ts', export: 'writer' } }).source).toContain(
      "import { writer as flow } from './x.ts';",
    );
  });
});
