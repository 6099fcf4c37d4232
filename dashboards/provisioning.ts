/**
 * Grafana provisioning: the Prometheus datasource under the fixed uid every
 * panel uses, and a file provider that loads the exported dashboard JSON.
 * Point Grafana at the exported `provisioning/` dir (GF_PATHS_PROVISIONING).
 */
import { stringify } from 'yaml';
import { DATASOURCE_UID, SCRAPE_INTERVAL } from './datasource.ts';

export function datasourceProvisioning(prometheusUrl: string): string {
  return stringify({
    apiVersion: 1,
    datasources: [
      {
        name: 'harness Prometheus',
        uid: DATASOURCE_UID,
        type: 'prometheus',
        access: 'proxy',
        url: prometheusUrl,
        isDefault: true,
        editable: false,
        // The scrape interval, so `$__rate_interval` comes to 4 s.
        jsonData: { timeInterval: SCRAPE_INTERVAL, httpMethod: 'POST' },
      },
    ],
  });
}

/** `dashboardsDir` must be absolute: Grafana resolves it on its own machine. */
export function dashboardsProvisioning(dashboardsDir: string): string {
  return stringify({
    apiVersion: 1,
    providers: [
      {
        name: 'harness',
        folder: 'harness',
        type: 'file',
        disableDeletion: false,
        allowUiUpdates: true,
        updateIntervalSeconds: 30,
        options: { path: dashboardsDir, foldersFromFilesStructure: false },
      },
    ],
  });
}
