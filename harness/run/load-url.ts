/**
 * `harness load <url>`: the ad-hoc mode people use autocannon, hey or vegeta
 * for — one URL, a VU count or an arrival rate, a duration — through the same
 * engine, metrics and thresholds as scenario runs, with a k6-compatible
 * summary export.
 */
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
import { type EngineName, engines, scheduleLagStats } from '../engine/index.ts';
import type { EngineRunResult } from '../engine/types.ts';
import { buildK6Summary } from '../k6/summary/build-summary.ts';
import { renderSummary } from '../k6/summary/run-summary.ts';
import type { SummaryLayout } from '../k6/summary/types.ts';
import { exportPathProblems, writeExport } from '../k6/summary/write-export.ts';
import { checkThresholds, evaluateThresholds } from '../thresholds/index.ts';
import { waitForUrl } from './wait-for-url.ts';

export interface LoadUrlOptions {
  url: string;
  vus?: number;
  rate?: number;
  /** k6 `--iterations`: this many iterations shared by the VUs (k6's shared-iterations executor). */
  iterations?: number;
  /** k6 duration or bare seconds (`30`, as autocannon takes it); with `iterations`, the longest the run may take. Default 10s (10m with iterations). */
  duration?: string;
  method: string;
  headers: string[];
  body?: string;
  /** k6 duration or bare seconds. */
  timeout: string;
  /** `metric:expression`, e.g. `http_req_duration:p(95)<200`. */
  thresholds: string[];
  /** A file, or `-` for stdout. */
  summaryExport?: string;
  /** k6's current `handleSummary` layout (default) or the legacy `--summary-export` one. */
  summaryLayout?: SummaryLayout;
  /** Worker threads (one per core). */
  workers?: number;
  /** Load engine by name: `http` (built in, default) or `k6`. */
  engine?: EngineName;
  /** First wait up to this long for the request to answer 2xx/3xx (`--wait 60s`). */
  wait?: string;
  onInterval?: (sample: IntervalSample) => void;
  /** Lines about waiting for the target. */
  log?: (line: string) => void;
}

export interface LoadUrlOutcome {
  /** The engine that ran (`http`, `k6`). */
  engine: string;
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
  timeoutMs: number;
} {
  const problems: InputProblem[] = [];
  const target = UrlTarget.safeParse({ name: 'url', url: o.url });
  if (!target.success)
    problems.push({ path: '<url>', message: target.error.issues.map((i) => i.message).join('; ') });
  if (o.iterations !== undefined && o.rate !== undefined)
    problems.push({
      path: '--iterations',
      message: '--iterations counts closed-model iterations: give it with --vus (or alone), not with --rate',
    });
  else if (o.iterations === undefined && (o.vus === undefined) === (o.rate === undefined))
    problems.push({
      path: '--vus/--rate',
      message:
        'give exactly one: --vus N (closed model) or --rate R per second (open model), or --iterations N',
    });
  const duration = seconds(o.duration ?? (o.iterations !== undefined ? '10m' : '10s'));
  const timeout = seconds(o.timeout);
  if (!DURATION_PATTERN.test(duration))
    problems.push({
      path: '--duration',
      message: `expected a duration such as "30s" or seconds such as 30, got "${o.duration}"`,
    });
  if (!DURATION_PATTERN.test(timeout))
    problems.push({
      path: '--timeout',
      message: `expected a duration such as "10s" or seconds such as 10, got "${o.timeout}"`,
    });
  if (o.wait !== undefined && !DURATION_PATTERN.test(seconds(o.wait)))
    problems.push({
      path: '--wait',
      message: `expected a duration such as "60s" or seconds such as 60, got "${o.wait}"`,
    });
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
    const at = metricColon(t);
    const metric = t.slice(0, at).trim();
    if (at <= 0)
      problems.push({
        path: '--threshold',
        message: `expected "metric:expression", e.g. "http_req_duration:p(95)<200", got "${t}"`,
      });
    else thresholds[metric] = [...(thresholds[metric] ?? []), t.slice(at + 1).trim()];
  }
  if (o.summaryExport !== undefined)
    problems.push(...exportPathProblems(o.summaryExport, '--summary-export'));
  if (Thresholds.safeParse(thresholds).success)
    // Said per flag: `--threshold http_req_durations: unknown metric …`.
    for (const p of checkThresholds(thresholds, { requestNames: ['request'], path: [] }))
      problems.push({ path: `--threshold ${p.path.replace(/^\["(.*)"\]/, '$1')}`, message: p.message });
  if (problems.length > 0) throw new InvalidInputError('harness load', problems, 'see `harness load --help`');

  const url = new URL(o.url);
  const executor: ExecutorConfig =
    o.iterations !== undefined
      ? { executor: 'shared-iterations', vus: o.vus ?? 1, iterations: o.iterations, maxDuration: duration }
      : o.rate !== undefined
        ? { executor: 'constant-arrival-rate', rate: o.rate, timeUnit: '1s', duration }
        : { executor: 'constant-vus', vus: o.vus!, duration };
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
  return { executor, workload, baseUrl: url.origin, thresholds, timeoutMs: parseDuration(timeout) };
}

/** A bare number is seconds, as autocannon and wrk take it (`-d 30`); anything else is a k6 duration. */
export function seconds(value: string): string {
  return /^\d+(?:\.\d+)?$/.test(value.trim()) && value.trim() !== '0' ? `${value.trim()}s` : value.trim();
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
  const engine = engines[o.engine ?? 'http']();
  await engine.preflight?.();
  const run = await engine.run({
    scenarios: [{ executor: plan.executor, workload: plan.workload }],
    dataset: { items: 1 },
    baseUrl: plan.baseUrl,
    http: { timeoutMs: plan.timeoutMs },
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
    const data = buildK6Summary([{ intervals, thresholds }]);
    writeExport(o.summaryExport, renderSummary(data, o.summaryLayout ?? 'current'));
  }
  return {
    engine: engine.name,
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

/**
 * Where `metric:expression` splits: the first colon outside the metric's tag
 * filter, so `http_reqs{status:200}:count>10` is `http_reqs{status:200}` and
 * `count>10`. -1 when there is none.
 */
export function metricColon(flag: string): number {
  let depth = 0;
  for (let i = 0; i < flag.length; i++) {
    const c = flag[i];
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === ':' && depth === 0) return i;
  }
  return -1;
}
