/**
 * The shipped Grafana dashboards (dashboards/) against the metrics that really
 * exist: the names harness's own exporter registers and the names the service
 * under test registers (read from its source).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DASHBOARDS, dashboardQueries } from '../../../dashboards/index.ts';
import { HarnessMetrics } from './harness-metrics.ts';

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
  walk(new URL('../../../targets', import.meta.url).pathname);
  return names;
}

describe('the shipped dashboards', () => {
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
});
