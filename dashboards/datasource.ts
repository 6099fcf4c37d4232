/**
 * Every panel, variable and annotation queries the Prometheus datasource the
 * dashboard's `$datasource` variable picks (Grafana's datasource variable),
 * never a hard-coded uid: imported into any Grafana, a dashboard asks which
 * Prometheus to use. The provisioning file creates harness's datasource under
 * DATASOURCE_UID, and the variable starts on it.
 */
import type { DatasourceRef } from './builder/grafana-types.ts';

export const DATASOURCE_UID = 'harness-prometheus';
/** The name of the dashboards' datasource variable. */
export const DATASOURCE_VARIABLE = 'datasource';
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's ${name} syntax, not a template
export const DATASOURCE: DatasourceRef = { type: 'prometheus', uid: '${datasource}' };

/** Prometheus scrapes every second while harness runs (see prometheus-config.ts). */
export const SCRAPE_INTERVAL = '1s';
/** What Grafana's `$__rate_interval` comes to with a 1 s scrape interval: 4 × scrape. */
export const RATE_INTERVAL = '4s';
