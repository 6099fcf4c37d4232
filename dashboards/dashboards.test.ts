import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HarnessMetrics } from '../harness/metrics/prometheus/harness-metrics.ts';
import { DASHBOARDS } from './all-dashboards.ts';
import { dashboardProblems } from './builder/check.ts';
import { buildDashboard } from './builder/dashboard.ts';
import { DATASOURCE_UID } from './datasource.ts';
import { exportDashboards } from './export.ts';
import { prometheusConfig, serviceTargets } from './prometheus-config.ts';
import { dashboardQueries, expandVariables } from './queries.ts';

/** Metric names a PromQL expression selects (`name{`), histogram suffixes dropped. */
const metricNames = (expr: string) =>
  [...expr.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g)].map((m) => m[1]!.replace(/_(bucket|count|sum)$/, ''));

/** Every metric name the service under test registers, read from its source (`name: '…'`). */
function serviceMetricNames(): Set<string> {
  const names = new Set(['up', 'process_cpu_seconds_total', 'nodejs_eventloop_lag_p99_seconds']);
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(/name: '([a-z_]+)'/g)) names.add(m[1]!);
    }
  };
  walk(new URL('../targets', import.meta.url).pathname);
  return names;
}

describe('the shipped dashboards', () => {
  it.each(DASHBOARDS.map((d) => [d.uid, d]))('%s is well-formed for Grafana', (_uid, spec) => {
    const d = buildDashboard(spec);
    expect(dashboardProblems(d)).toEqual([]);
    expect(d.panels.length).toBeGreaterThan(10);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('have unique uids', () => {
    expect(new Set(DASHBOARDS.map((d) => d.uid)).size).toBe(DASHBOARDS.length);
  });

  it('query only metrics that exist: harness exporter names and the service’s own', () => {
    const harness = new Set(new HarnessMetrics().registry.getMetricsAsArray().map((m) => m.name));
    const service = serviceMetricNames();
    expect(service.has('db_client_operation_duration_seconds')).toBe(true);
    const unknown: string[] = [];
    for (const spec of DASHBOARDS)
      for (const pq of dashboardQueries(spec))
        for (const name of metricNames(pq.expr))
          if (!(harness.has(name) || service.has(name))) unknown.push(`${spec.uid} ${pq.where}: ${name}`);
    expect(unknown).toEqual([]);
  });

  it('lists every expression with its requirements, and expands Grafana variables', () => {
    const queries = DASHBOARDS.flatMap(dashboardQueries);
    expect(queries.filter((q) => q.labelValues).map((q) => q.where)).toContain('variable $target');
    expect(queries.find((q) => q.where.startsWith('panel "Reads and writes per shard'))?.requires).toEqual({
      archs: ['sharded'],
    });
    expect(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's ${name} syntax, not a template
      expandVariables('rate(x{a=~"$target", b=~"${name}"}[$__rate_interval])', { target: 'm', name: '.*' }),
    ).toBe('rate(x{a=~"m", b=~".*"}[4s])');
    expect(() => expandVariables('x{a="$nope"}', {})).toThrow(/\$nope/);
  });
});

describe('Prometheus config and targets', () => {
  it('scrapes harness statically and the services through file_sd, every second', () => {
    const config = parse(
      prometheusConfig({ exporter: '127.0.0.1:9464', serviceTargetFiles: ['/t/service.json'] }),
    );
    expect(config.global.scrape_interval).toBe('1s');
    expect(config.scrape_configs.map((c: { job_name: string }) => c.job_name)).toEqual([
      'harness',
      'service',
    ]);
    expect(config.scrape_configs[0].static_configs[0].targets).toEqual(['127.0.0.1:9464']);
    expect(config.scrape_configs[1].file_sd_configs[0].files).toEqual(['/t/service.json']);
  });

  it('labels each service instance with its cell, and names it by instance id', () => {
    const groups = serviceTargets({
      target: 'cached@kill-cache',
      profile: 'steady',
      arch: 'cached',
      instances: [{ id: 'app-0', component: 'app', host: '127.0.0.1', port: 40001 }],
    });
    expect(groups).toEqual([
      {
        targets: ['127.0.0.1:40001'],
        labels: {
          instance: 'app-0',
          component: 'app',
          harness_target: 'cached@kill-cache',
          harness_profile: 'steady',
          harness_arch: 'cached',
        },
      },
    ]);
  });
});

describe('exportDashboards', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harness-dashboards-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the dashboards, the provisioning files and the Prometheus template', async () => {
    const files = await exportDashboards(dir, { prometheusUrl: 'http://127.0.0.1:9999' });
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual([
      'dashboards/harness-load-run.json',
      'dashboards/harness-service.json',
      'prometheus/prometheus.yml',
      'prometheus/targets/service.json',
      'provisioning/dashboards/harness.yaml',
      'provisioning/datasources/harness.yaml',
    ]);
    const ds = parse(readFileSync(join(dir, 'provisioning/datasources/harness.yaml'), 'utf8'));
    expect(ds.datasources[0]).toMatchObject({
      uid: DATASOURCE_UID,
      type: 'prometheus',
      url: 'http://127.0.0.1:9999',
    });
    const provider = parse(readFileSync(join(dir, 'provisioning/dashboards/harness.yaml'), 'utf8'));
    expect(provider.providers[0].options.path).toBe(join(dir, 'dashboards'));
    const json = JSON.parse(readFileSync(join(dir, 'dashboards/harness-service.json'), 'utf8'));
    expect(dashboardProblems(json)).toEqual([]);
  });
});
