/**
 * `harness load <url>`: the ad-hoc mode people use autocannon, hey or vegeta
 * for — one URL, a VU count or an arrival rate, a duration — through the same
 * engine, metrics and thresholds as scenario runs, with a k6-compatible
 * summary export.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CellSummary, IntervalSample, LatencyStats, ThresholdResult } from '../../model/index.ts';
import {
  DURATION_PATTERN,
  type ExecutorConfig,
  HttpMethod,
  type InputProblem,
  InvalidInputError,
  parseDuration,
  summarizeCell,
  Thresholds,
  UrlTarget,
  type Workload,
} from '../../model/index.ts';
import { engines, scheduleLagStats } from '../engine/index.ts';
import type { EngineRunResult } from '../engine/types.ts';
import { writeAtomicSync } from '../results/atomic-write.ts';
import { toK6Summary } from '../results/k6-summary.ts';
import { checkThresholds, evaluateThresholds } from '../thresholds/index.ts';
import { waitForUrl } from './wait-for-url.ts';

export interface LoadUrlOptions {
  url: string;
  vus?: number;
  rate?: number;
  duration: string;
  method: string;
  headers: string[];
  body?: string;
  timeout: string;
  /** `metric:expression`, e.g. `http_req_duration:p(95)<200`. */
  thresholds: string[];
  summaryExport?: string;
  /** Worker threads (one per core). */
  workers?: number;
  /** First wait up to this long for the request to answer 2xx/3xx (`--wait 60s`). */
  wait?: string;
  onInterval?: (sample: IntervalSample) => void;
  /** Lines about waiting for the target. */
  log?: (line: string) => void;
}

export interface LoadUrlOutcome {
  summary: CellSummary | undefined;
  thresholds: ThresholdResult[];
  model: EngineRunResult['model'];
  generatorBound: boolean;
  generatorNotes: string[];
  /** Iterations dropped because every VU was busy waiting for the target. */
  vuPoolNotes: string[];
  aborted: boolean;
  /** Open model: send time minus intended start — the generator's own lateness. */
  scheduleLag?: LatencyStats;
}

/** Validates the flags; every problem at once, nothing started. */
export function planLoad(o: LoadUrlOptions): {
  executor: ExecutorConfig;
  workload: Workload;
  baseUrl: string;
  thresholds: Record<string, string[]>;
} {
  const problems: InputProblem[] = [];
  const target = UrlTarget.safeParse({ name: 'url', url: o.url });
  if (!target.success)
    problems.push({ path: '<url>', message: target.error.issues.map((i) => i.message).join('; ') });
  if ((o.vus === undefined) === (o.rate === undefined))
    problems.push({
      path: '--vus/--rate',
      message: 'give exactly one: --vus N (closed model) or --rate R per second (open model)',
    });
  if (!DURATION_PATTERN.test(o.duration))
    problems.push({ path: '--duration', message: `expected a duration such as "30s", got "${o.duration}"` });
  if (o.wait !== undefined && !DURATION_PATTERN.test(o.wait))
    problems.push({ path: '--wait', message: `expected a duration such as "60s", got "${o.wait}"` });
  if (!DURATION_PATTERN.test(o.timeout))
    problems.push({ path: '--timeout', message: `expected a duration such as "10s", got "${o.timeout}"` });
  const method = o.method.toUpperCase();
  if (!HttpMethod.safeParse(method).success)
    problems.push({
      path: '--method',
      message: `expected one of ${HttpMethod.options.join(', ')}, got "${o.method}"`,
    });
  const headers: Record<string, string> = {};
  for (const h of o.headers) {
    const at = h.indexOf(':');
    if (at <= 0) problems.push({ path: '--header', message: `expected "Name: value", got "${h}"` });
    else headers[h.slice(0, at).trim()] = h.slice(at + 1).trim();
  }
  let body: unknown;
  if (o.body !== undefined) {
    try {
      body = JSON.parse(o.body);
    } catch {
      problems.push({ path: '--body', message: 'expected a JSON document, e.g. \'{"value":"x"}\'' });
    }
  }
  const thresholds: Record<string, string[]> = {};
  for (const t of o.thresholds) {
    const at = t.indexOf(':');
    const metric = t.slice(0, at).trim();
    if (at <= 0)
      problems.push({
        path: '--threshold',
        message: `expected "metric:expression", e.g. "http_req_duration:p(95)<200", got "${t}"`,
      });
    else thresholds[metric] = [...(thresholds[metric] ?? []), t.slice(at + 1).trim()];
  }
  if (Thresholds.safeParse(thresholds).success)
    problems.push(...checkThresholds(thresholds, { requestNames: ['request'], path: ['--threshold'] }));
  if (problems.length > 0) throw new InvalidInputError('harness load', problems, 'see `harness load --help`');

  const url = new URL(o.url);
  const executor: ExecutorConfig =
    o.rate !== undefined
      ? { executor: 'constant-arrival-rate', rate: o.rate, timeUnit: '1s', duration: o.duration }
      : { executor: 'constant-vus', vus: o.vus!, duration: o.duration };
  const workload: Workload = {
    mix: [
      {
        name: 'request',
        weight: 1,
        method: method as Workload['mix'][number]['method'],
        path: `${url.pathname}${url.search}`,
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
        ...(body !== undefined ? { body } : {}),
      },
    ],
  };
  return { executor, workload, baseUrl: url.origin, thresholds };
}

/** Runs the load until it ends or `signal` aborts it (the CLI: Ctrl-C); the summary covers what ran. */
export async function loadUrl(o: LoadUrlOptions, signal: AbortSignal): Promise<LoadUrlOutcome> {
  const plan = planLoad(o);
  if (o.wait !== undefined) {
    const request = plan.workload.mix[0]!;
    await waitForUrl(
      {
        url: o.url,
        method: request.method,
        headers: request.headers ?? {},
        ...(request.body !== undefined ? { body: request.body } : {}),
      },
      parseDuration(o.wait),
      signal,
      o.log,
    );
  }
  const intervals: IntervalSample[] = [];
  const run = await engines.http().run({
    scenarios: [{ executor: plan.executor, workload: plan.workload }],
    dataset: { items: 1 },
    baseUrl: plan.baseUrl,
    http: { timeoutMs: parseDuration(o.timeout) },
    ...(o.workers ? { workers: o.workers } : {}),
    signal,
    sink: {
      onInterval: (s) => {
        intervals.push(s);
        o.onInterval?.(s);
      },
    },
  });
  const summary = intervals.length > 0 ? summarizeCell(intervals) : undefined;
  const scheduleLag = scheduleLagStats(intervals);
  const thresholds =
    Object.keys(plan.thresholds).length > 0 ? evaluateThresholds(plan.thresholds, intervals) : [];
  if (o.summaryExport && summary) {
    const vus = intervals.map((i) => i.vus);
    const data = toK6Summary(summary, {
      thresholds,
      vus: { value: vus.at(-1) ?? 0, min: Math.min(...vus), max: Math.max(...vus) },
      ...(scheduleLag ? { scheduleLag } : {}),
    });
    mkdirSync(dirname(o.summaryExport), { recursive: true });
    writeAtomicSync(o.summaryExport, `${JSON.stringify(data, null, 2)}\n`);
  }
  return {
    summary,
    thresholds,
    model: run.model,
    generatorBound: run.generatorBound,
    generatorNotes: run.generatorNotes,
    vuPoolNotes: run.vuPoolNotes,
    aborted: run.aborted,
    ...(scheduleLag ? { scheduleLag } : {}),
  };
}
