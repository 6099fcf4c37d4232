/**
 * A k6 script (TypeScript, typed with @types/k6) that drives the same load
 * as harness's engine: one k6 scenario per harness executor, with the same
 * executor options, the same weighted request mix and key distributions
 * (per scenario, with its profile's weights), the same placeholders, expected
 * statuses, timeout and tags; the scenario's k6 thresholds. A scripted flow
 * (VuApi) is imported and run on a VuApi made of k6/http calls.
 * `bundleK6Script` turns the TypeScript into the one JS file k6 runs.
 */

import type { ExecutorConfig, ThresholdsConfig, Workload } from '../../../model/index.ts';
import { isOpenExecutor, parseDuration } from '../../../model/index.ts';
import { baseName, HARNESS_EXTRA_METRICS } from '../k6-metrics.ts';
import { SUMMARY_TREND_STATS } from '../summary/build-summary.ts';
import { jsLiteral } from './js-literal.ts';
import { execName, type K6Scenario, k6Scenario } from './k6-scenarios.ts';
import { FLOW_RUNTIME_SOURCE, RUNTIME_SOURCE } from './runtime-source.ts';

export interface ScriptScenario {
  /** The k6 scenario name (k6ScenarioName). */
  name: string;
  executor: ExecutorConfig;
  /** The mix this scenario draws from (its profile's weights applied). */
  workload: Workload;
  /** Added to the executor's own startTime: where its profile starts in a chain of profiles. */
  offsetMs?: number;
}

export interface ScriptInput {
  /** A line or two on where the script came from. */
  header: string[];
  scenarios: ScriptScenario[];
  /** dataset.items: `{key}` is drawn from [1, items]. */
  items: number;
  timeoutMs: number;
  /** BASE_URL when `-e BASE_URL=…` is not given. */
  baseUrl: string;
  thresholds?: ThresholdsConfig;
  /** A scripted flow: its module as the script imports it (relative, `./flows/x.ts`), and its export. */
  flow?: { importPath: string; export?: string };
}

export interface GeneratedScript {
  source: string;
  /** Thresholds left out (not k6 metrics), each with why. */
  dropped: string[];
}

export function generateK6Script(input: ScriptInput): GeneratedScript {
  const taken = new Set<string>();
  const scenarios: Record<string, K6Scenario> = {};
  const mixes: string[] = [];
  const runs: string[] = [];
  for (const s of input.scenarios) {
    const exec = execName(s.name, taken);
    scenarios[s.name] = k6Scenario(s.executor, exec, s.offsetMs ?? 0);
    const closed = !isOpenExecutor(s.executor);
    const think = closed && s.workload.thinkTime ? parseDuration(s.workload.thinkTime) / 1000 : 0;
    if (input.flow) {
      runs.push(
        `export async function ${exec}(): Promise<void> {\n` +
          `  await flow(vuApi(${closed}) as unknown as Parameters<typeof flow>[0]);\n` +
          (think > 0 ? `  sleep(${think});\n` : '') +
          '}',
      );
      continue;
    }
    const specs = s.workload.mix.map((r) => ({
      name: r.name,
      weight: r.weight,
      method: r.method,
      path: r.path,
      ...(r.headers ? { headers: r.headers } : {}),
      ...(r.body !== undefined ? { body: JSON.stringify(r.body) } : {}),
      ...(r.key ? { key: r.key } : {}),
      ...(r.expectStatus ? { expectStatus: r.expectStatus } : {}),
      ...(r.ledger ? { ledger: true } : {}),
    }));
    mixes.push(`  ${exec}: mix(${jsLiteral(specs, 1)}),`);
    runs.push(`export function ${exec}(): void {\n  iterate(MIXES.${exec} as Mix, ${closed}, ${think});\n}`);
  }
  const { thresholds, dropped } = k6Thresholds(input.thresholds);
  const options = {
    scenarios,
    ...(Object.keys(thresholds).length > 0 ? { thresholds } : {}),
    summaryTrendStats: [...SUMMARY_TREND_STATS],
  };
  const lines = [
    ...input.header.map((l) => `// ${l}`),
    '//',
    '// Run it: k6 run -e BASE_URL=http://127.0.0.1:8080 <this file>.js',
    "// Differences from harness's own engine: open-model latency counts from the send (k6 does not correct",
    '// coordinated omission); sequential keys count per VU; no seed; the integrity check needs harness',
    '// (harness run --engine k6).',
    input.flow ? "import { check, sleep } from 'k6';" : "import { sleep } from 'k6';",
    "import http, { type Params } from 'k6/http';",
    "import type { Options } from 'k6/options';",
    '',
    '/** k6 has a console (its log goes to stderr); @types/k6 0.48 does not declare it. */',
    'declare const console: { log(...args: unknown[]): void };',
    ...(input.flow
      ? [
          input.flow.export === undefined || input.flow.export === 'default'
            ? `import flow from ${jsLiteral(input.flow.importPath)};`
            : `import { ${input.flow.export} as flow } from ${jsLiteral(input.flow.importPath)};`,
        ]
      : []),
    '',
    `const BASE_URL: string = (__ENV.BASE_URL || ${jsLiteral(input.baseUrl)}).replace(/\\/+$/, '');`,
    '/** dataset.items of the scenario: `{key}` is drawn from [1, ITEMS]. */',
    `const ITEMS: number = Number(__ENV.ITEMS || ${input.items});`,
    `const TIMEOUT = '${input.timeoutMs}ms';`,
    RUNTIME_SOURCE.trim(),
    ...(input.flow ? [FLOW_RUNTIME_SOURCE.trim()] : []),
    '',
    ...(input.flow ? [] : ['const MIXES: { [exec: string]: Mix } = {', ...mixes, '};', '']),
    `export const options: Options = ${jsLiteral(options)};`,
    ...(dropped.length > 0
      ? ['// Thresholds harness checks that k6 cannot:', ...dropped.map((d) => `//   ${d}`)]
      : []),
    '',
    ...runs.flatMap((r) => [r, '']),
  ];
  return { source: lines.join('\n'), dropped };
}

/** The scenario's thresholds that k6 knows, as k6 takes them. */
function k6Thresholds(thresholds: ThresholdsConfig | undefined): {
  thresholds: Record<
    string,
    (string | { threshold: string; abortOnFail?: boolean; delayAbortEval?: string })[]
  >;
  dropped: string[];
} {
  const out: ReturnType<typeof k6Thresholds>['thresholds'] = {};
  const dropped: string[] = [];
  for (const [key, entries] of Object.entries(thresholds ?? {})) {
    if (baseName(key) in HARNESS_EXTRA_METRICS) {
      dropped.push(
        `${key}: ${entries.map((e) => (typeof e === 'string' ? e : e.threshold)).join(', ')} (harness's own metric, not k6's)`,
      );
      continue;
    }
    out[key] = entries.map((e) =>
      typeof e === 'string'
        ? e
        : {
            threshold: e.threshold,
            ...(e.abortOnFail ? { abortOnFail: true } : {}),
            ...(e.delayAbortEval ? { delayAbortEval: e.delayAbortEval } : {}),
          },
    );
  }
  return { thresholds: out, dropped };
}
