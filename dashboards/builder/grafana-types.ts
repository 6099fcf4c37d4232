/**
 * The part of Grafana's dashboard JSON model (schemaVersion 39, Grafana 10/11)
 * these dashboards use. Typed so a typo in a field is a compile error, not a
 * panel Grafana silently drops.
 */

export interface DatasourceRef {
  type: 'prometheus';
  uid: string;
}

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PrometheusTarget {
  refId: string;
  datasource: DatasourceRef;
  expr: string;
  legendFormat?: string;
  range: boolean;
  instant: boolean;
  format?: 'time_series' | 'heatmap' | 'table';
}

export interface ValueMapping {
  type: 'value';
  options: Record<string, { text: string; color?: string; index: number }>;
}

export interface FieldConfig {
  defaults: {
    unit?: string;
    min?: number;
    max?: number;
    decimals?: number;
    mappings?: ValueMapping[];
    thresholds?: { mode: 'absolute'; steps: { color: string; value: number | null }[] };
    custom?: Record<string, unknown>;
    color?: { mode: string };
  };
  overrides: unknown[];
}

export type PanelType = 'timeseries' | 'stat' | 'heatmap' | 'state-timeline' | 'row';

export interface GrafanaPanel {
  id: number;
  type: PanelType;
  title: string;
  description?: string;
  gridPos: GridPos;
  datasource?: DatasourceRef;
  targets?: PrometheusTarget[];
  fieldConfig?: FieldConfig;
  options?: Record<string, unknown>;
  /** Rows only. */
  collapsed?: boolean;
  panels?: GrafanaPanel[];
}

export interface QueryVariable {
  type: 'query';
  name: string;
  label: string;
  datasource: DatasourceRef;
  query: { query: string; refId: string };
  definition: string;
  /** 2: on time range change. */
  refresh: 1 | 2;
  multi: boolean;
  includeAll: boolean;
  allValue: string;
  current: Record<string, never>;
  options: never[];
  sort: 1;
  hide: 0;
}

export interface PrometheusAnnotation {
  name: string;
  datasource: DatasourceRef;
  enable: boolean;
  hide: boolean;
  iconColor: string;
  expr: string;
  step: string;
  titleFormat: string;
  textFormat: string;
  tagKeys: string;
  useValueForTime: boolean;
}

/** Grafana's datasource variable: a dropdown of the datasources of one type. */
export interface DatasourceVariable {
  type: 'datasource';
  name: string;
  label: string;
  /** The datasource type listed: `prometheus`. */
  query: 'prometheus';
  /** Where the dropdown starts: the provisioned datasource, when there is one. */
  current: { text: string; value: string };
  regex: string;
  refresh: 1;
  multi: false;
  includeAll: false;
  options: never[];
  hide: 0;
}

/** Grafana's own "Annotations & Alerts" entry, which every dashboard carries. */
export interface BuiltInAnnotation {
  name: 'Annotations & Alerts';
  builtIn: 1;
  datasource: { type: 'grafana'; uid: '-- Grafana --' };
  enable: true;
  hide: true;
  iconColor: string;
  type: 'dashboard';
}

export interface GrafanaDashboard {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  timezone: 'browser';
  editable: boolean;
  graphTooltip: 1;
  schemaVersion: 39;
  version: 1;
  refresh: string;
  time: { from: string; to: string };
  templating: { list: (DatasourceVariable | QueryVariable)[] };
  annotations: { list: (BuiltInAnnotation | PrometheusAnnotation)[] };
  panels: GrafanaPanel[];
}
