/**
 * `harness dashboards export <dir>`: writes the dashboard JSON, Grafana's
 * provisioning files and a Prometheus config template, so a Grafana (and a
 * Prometheus of your own) can be pointed at them. Generated, never committed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DASHBOARDS } from './all-dashboards.ts';
import { buildDashboard } from './builder/dashboard.ts';
import { prometheusConfig } from './prometheus-config.ts';
import { dashboardsProvisioning, datasourceProvisioning } from './provisioning.ts';

export interface ExportOptions {
  /** Where Grafana reaches Prometheus (default http://127.0.0.1:9090). */
  prometheusUrl?: string;
  /** Where the template's Prometheus scrapes harness (default 127.0.0.1:9464, `harness run --prometheus 9464`). */
  exporter?: string;
}

/** Returns the files written, absolute. */
export async function exportDashboards(dir: string, opts: ExportOptions = {}): Promise<string[]> {
  const root = resolve(dir);
  const dashboardsDir = join(root, 'dashboards');
  const files: [string, string][] = [
    ...DASHBOARDS.map((spec): [string, string] => [
      join(dashboardsDir, `${spec.uid}.json`),
      `${JSON.stringify(buildDashboard(spec), null, 2)}\n`,
    ]),
    [
      join(root, 'provisioning', 'datasources', 'harness.yaml'),
      datasourceProvisioning(opts.prometheusUrl ?? 'http://127.0.0.1:9090'),
    ],
    [join(root, 'provisioning', 'dashboards', 'harness.yaml'), dashboardsProvisioning(dashboardsDir)],
    [
      join(root, 'prometheus', 'prometheus.yml'),
      prometheusConfig({
        exporter: opts.exporter ?? '127.0.0.1:9464',
        serviceTargetFiles: ['targets/*.json'],
      }),
    ],
    // Where harness (or you) list the service instances to scrape; empty until then.
    [join(root, 'prometheus', 'targets', 'service.json'), '[]\n'],
  ];
  for (const [file, text] of files) {
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, text);
  }
  return files.map(([f]) => f);
}
