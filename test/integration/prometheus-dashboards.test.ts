/**
 * The dashboards against a real Prometheus that harness started: a short run
 * of every architecture (`--prometheus-server`'s code path), then every
 * PromQL expression of every exported panel, annotation and variable asked
 * of Prometheus's HTTP API at times inside the cells it is meant for — each
 * must return at least one series with a finite value; so must the queries
 * of k6's own Grafana dashboard (re-typed below), on harness's data.
 * `promtool` checks the generated config and the exporter's scrape.
 * Afterwards nothing of Prometheus is left.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARDS, dashboardQueries, expandVariables, type PanelQuery } from '../../dashboards/index.ts';
import type { PrometheusInfo } from '../../harness/run/index.ts';
import { runScenario } from '../../harness/run/index.ts';
import { stateFileOf } from '../../harness/runtime/index.ts';
import type { CellResult, RunResults } from '../../model/index.ts';
import { parseExposition } from '../helpers/exposition.ts';
import { portOpen, processesOfRun } from '../helpers/processes.ts';

const run = promisify(execFile);

/** `promtool check metrics` on an exposition (stdin): '' when it passes, else what it said. */
async function promtoolCheckMetrics(text: string): Promise<string> {
  return new Promise((resolve) => {
    const child = execFile('promtool', ['check', 'metrics'], (err, stdout, stderr) =>
      resolve(err ? `exit ${err.code}: ${stdout}${stderr}` : `${stdout}${stderr}`.trim()),
    );
    child.stdin!.end(text);
  });
}
const SCENARIO = 'test/fixtures/dashboards-scenario.ts';

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'harness-it-prometheus-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Vector {
  status: string;
  data: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

async function query(base: string, expr: string, time: number): Promise<Vector> {
  const res = await fetch(`${base}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query: expr, time: String(time) }),
  });
  const body = (await res.json()) as Vector & { error?: string };
  if (res.status !== 200) throw new Error(`${expr}: ${res.status} ${body.error}`);
  return body;
}

async function labelValues(
  base: string,
  match: string,
  label: string,
  start: number,
  end: number,
): Promise<string[]> {
  const params = new URLSearchParams({ 'match[]': match, start: String(start), end: String(end) });
  const res = await fetch(`${base}/api/v1/series?${params}`);
  const body = (await res.json()) as { data: Record<string, string>[]; error?: string };
  if (res.status !== 200) throw new Error(`${match}: ${res.status} ${body.error}`);
  return [...new Set(body.data.map((s) => s[label]).filter((v): v is string => v !== undefined))];
}

/**
 * The panels of k6's Prometheus dashboard (grafana/xk6-output-prometheus-remote,
 * `k6-prometheus.json`, default trend stats), re-typed: `$testid` is the run id,
 * `$quantile_stat` one of k6's trend stats. Panels on metrics harness's engine
 * does not measure (request phases) or that need failures are left out.
 */
const K6_DASHBOARD = [
  'sum(k6_vus{testid=~"$testid"})',
  'avg(k6_http_req_duration_$quantile_stat{testid=~"$testid"})',
  'sum(irate(k6_http_reqs_total{testid=~"$testid"}[$__rate_interval]))',
  'avg(round(k6_http_req_failed_rate{testid=~"$testid"}, 0.1)*100)',
  'sum(k6_http_reqs_total{testid=~"$testid"})',
  'avg(irate(k6_data_sent_total{testid=~"$testid"}[$__rate_interval]))',
  'avg(irate(k6_data_received_total{testid=~"$testid"}[$__rate_interval]))',
  'avg(k6_iteration_duration_$quantile_stat{testid=~"$testid"})',
  'avg(k6_dropped_iterations_total{testid=~"$testid"})',
  'sum(irate(k6_http_reqs_total{testid=~"$testid", expected_response="true"}[$__rate_interval]))',
  'avg by(name, method, status) (k6_http_req_duration_p95{testid=~"$testid"})',
  'avg by(name, method, status) (k6_http_req_duration_p99{testid=~"$testid"})',
];

/** Does the cell give this query something to show? (see `Requires` in dashboards/builder/panels.ts) */
const appliesTo = (q: PanelQuery, cell: CellResult) =>
  (q.requires.archs === undefined || q.requires.archs.includes(cell.targetKind)) &&
  (!(q.requires.errors || q.requires.faults) || (cell.faults?.length ?? 0) > 0) &&
  (q.requires.model === undefined || cell.model === q.requires.model);

/** Interval ends inside the cell's load, seconds: the times a dashboard would show. */
const timesOf = (cell: CellResult) => cell.intervals.slice(1).map((s) => (s.ts + s.durationMs) / 1000);

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&');

async function checkQuery(
  base: string,
  q: PanelQuery,
  cell: CellResult,
  extra: Record<string, string> = {},
): Promise<string | undefined> {
  const vars = {
    target: escapeRegex(cell.target),
    profile: cell.profile,
    name: '.*',
    instance: '.*',
    ...extra,
  };
  const times = timesOf(cell);
  if (q.labelValues) {
    const match = expandVariables(q.labelValues.match, vars);
    const values = await labelValues(base, match, q.labelValues.label, times[0]!, times.at(-1)!);
    return values.length > 0
      ? undefined
      : `${q.dashboard} ${q.where} in ${cell.id}: no values of ${q.labelValues.label}`;
  }
  const expr = expandVariables(q.expr, vars, { range: '5m' });
  for (const t of times) {
    const v = await query(base, expr, t);
    if (v.data.result.some((s) => Number.isFinite(Number(s.value[1])))) return undefined;
  }
  return `${q.dashboard} ${q.where} in ${cell.id}: no series with a finite value at any of ${times.length} times: ${expr}`;
}

describe('dashboards over a real Prometheus started by harness', () => {
  it('answers every panel, annotation and variable query during a run of every architecture', async () => {
    const problems: string[] = [];
    const checked: string[] = [];
    let seen: PrometheusInfo | undefined;
    let exposition = '';
    let promtoolProblems: string | undefined = 'not run';
    const outcome = await runScenario(SCENARIO, {
      out,
      durationScale: 1,
      runtime: 'local',
      prometheus: {
        server: { port: 0 },
        async beforeStop(info, results: RunResults) {
          seen = info;
          const { stdout } = await run('promtool', ['check', 'config', info.configFile!]);
          expect(stdout).toMatch(/SUCCESS/);
          exposition = await (await fetch(info.exporterUrl)).text();
          promtoolProblems = await promtoolCheckMetrics(exposition);
          const cells = results.cells.filter((c) => c.status === 'completed' && c.intervals.length > 2);
          expect(cells.map((c) => c.targetKind).sort()).toEqual([
            'cached',
            'monolith',
            'queued',
            'replicated',
            'sharded',
          ]);
          for (const q of DASHBOARDS.flatMap(dashboardQueries)) {
            const targets = cells.filter((c) => appliesTo(q, c));
            if (targets.length === 0) {
              problems.push(`${q.dashboard} ${q.where}: no cell of this run can show it`);
              continue;
            }
            const misses: string[] = [];
            for (const cell of targets) {
              const miss = await checkQuery(info.serverUrl!, q, cell);
              if (miss) misses.push(miss);
            }
            // Error panels need one cell whose fault hit their dependency; every other panel, every cell it is for.
            const failed = q.requires.errors ? misses.length === targets.length : misses.length > 0;
            if (failed) problems.push(...misses);
            checked.push(
              `${q.dashboard} ${q.where}: ${targets.length - misses.length}/${targets.length} cells`,
            );
          }
          // k6's own dashboard, filtered by the run as k6 filters by its test id.
          for (const expr of K6_DASHBOARD) {
            const vars = { testid: results.runId, quantile_stat: 'p99' };
            const cell = cells[0]!;
            const miss = await checkQuery(
              info.serverUrl!,
              { dashboard: 'k6-prometheus', where: expr, expr, requires: {} },
              cell,
              vars,
            );
            if (miss) problems.push(miss);
          }
        },
      },
    });
    expect(outcome.results.status).toBe('completed');
    expect(seen?.serverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(problems).toEqual([]);
    expect(checked.length).toBe(DASHBOARDS.flatMap(dashboardQueries).length);
    expect(promtoolProblems).toBe('');

    // The exporter's own output, parsed back.
    const e = parseExposition(exposition);
    // Counters of every cell stay; the gauges shown are the last cell's, no longer running.
    expect(new Set(e.find('k6_http_reqs_total').map((s) => s.labels.target)).size).toBe(5);
    expect(new Set(e.find('k6_http_reqs_total').map((s) => s.labels.testid))).toEqual(
      new Set([outcome.results.runId]),
    );
    expect(e.find('harness_cell_info').map((s) => [s.labels.arch, s.value])).toEqual([['queued', 0]]);
    console.info(
      `${checked.length} dashboard expressions answered by Prometheus; last /metrics scrape ${exposition.length} bytes, ${e.samples.length} samples`,
    );

    // Nothing of Prometheus or the exporter is left: no process, no port, no dir, no state file.
    const id = `${outcome.results.runId}-prometheus`;
    expect(processesOfRun(id)).toEqual([]);
    expect(processesOfRun(outcome.results.runId)).toEqual([]);
    expect(await portOpen(Number(new URL(seen!.serverUrl!).port))).toBe(false);
    expect(await portOpen(Number(new URL(seen!.exporterUrl).port))).toBe(false);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`harness-${outcome.results.runId}`))).toEqual([]);
    expect(existsSync(stateFileOf(id))).toBe(false);
  });
});
