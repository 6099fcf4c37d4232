/**
 * The one Prometheus datasource every panel, variable and annotation points
 * at, by a fixed uid: the provisioning file creates it under that uid, so the
 * dashboards work on any Grafana without a "choose datasource" step.
 */
import type { DatasourceRef } from './builder/grafana-types.ts';

export const DATASOURCE_UID = 'harness-prometheus';
export const DATASOURCE: DatasourceRef = { type: 'prometheus', uid: DATASOURCE_UID };

/** Prometheus scrapes every second while harness runs (see prometheus-config.ts). */
export const SCRAPE_INTERVAL = '1s';
/** What Grafana's `$__rate_interval` comes to with a 1 s scrape interval: 4 × scrape. */
export const RATE_INTERVAL = '4s';
