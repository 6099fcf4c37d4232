/**
 * dashboards/: Grafana dashboards as code (typed panel builder), Grafana
 * provisioning and the Prometheus configuration. Other rooms import from here only.
 */
export { DASHBOARDS } from './all-dashboards.ts';
export { dashboardProblems } from './builder/check.ts';
export {
  type AnnotationSpec,
  buildDashboard,
  type DashboardSpec,
  type VariableSpec,
} from './builder/dashboard.ts';
export type { GrafanaDashboard, GrafanaPanel } from './builder/grafana-types.ts';
export type { PanelSpec, Query, Requires } from './builder/panels.ts';
export { DATASOURCE_UID, RATE_INTERVAL, SCRAPE_INTERVAL } from './datasource.ts';
export { type ExportOptions, exportDashboards } from './export.ts';
export {
  type CellTargets,
  HARNESS_JOB,
  type PrometheusConfigOptions,
  prometheusConfig,
  SERVICE_JOB,
  serviceTargets,
  type TargetGroup,
} from './prometheus-config.ts';
export { dashboardsProvisioning, datasourceProvisioning } from './provisioning.ts';
export { dashboardQueries, expandVariables, type PanelQuery } from './queries.ts';
