/**
 * A dashboard spec — variables, annotations, a list of rows and panels — and
 * `buildDashboard`, which lays it out and writes Grafana's JSON model, every
 * query on the provisioned Prometheus datasource.
 */
import { DATASOURCE, DATASOURCE_UID, DATASOURCE_VARIABLE } from '../datasource.ts';
import type {
  DatasourceVariable,
  FieldConfig,
  GrafanaDashboard,
  GrafanaPanel,
  PrometheusAnnotation,
  QueryVariable,
} from './grafana-types.ts';
import { layout } from './layout.ts';
import { type LayoutItem, type PanelSpec, requiresNote } from './panels.ts';

export interface VariableSpec {
  name: string;
  label: string;
  /** `label_values(metric{…}, label)`. */
  query: string;
}

export interface AnnotationSpec {
  name: string;
  /** PromQL; every series with a point becomes a region while it has points (`… == 1`). */
  expr: string;
  /** Legend-style templates: `{{kind}} {{edge}}`. */
  title: string;
  text: string;
  color: string;
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  variables: VariableSpec[];
  annotations: AnnotationSpec[];
  items: LayoutItem[];
}

export function buildDashboard(spec: DashboardSpec): GrafanaDashboard {
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: spec.tags,
    timezone: 'browser',
    editable: true,
    graphTooltip: 1,
    schemaVersion: 39,
    version: 1,
    refresh: '5s',
    time: { from: 'now-15m', to: 'now' },
    templating: { list: [datasourceVariable(), ...spec.variables.map(variable)] },
    annotations: {
      list: [
        {
          name: 'Annotations & Alerts',
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          type: 'dashboard',
        },
        ...spec.annotations.map(annotation),
      ],
    },
    panels: layout(spec.items).map(
      ({ item, id, gridPos }): GrafanaPanel =>
        item.kind === 'row'
          ? { id, type: 'row', title: item.title, gridPos, collapsed: false, panels: [] }
          : panel(item, id, gridPos),
    ),
  };
}

function panel(spec: PanelSpec, id: number, gridPos: GrafanaPanel['gridPos']): GrafanaPanel {
  const description = [spec.description ?? '', requiresNote(spec.requires)].filter(Boolean).join(' ');
  return {
    id,
    type: spec.kind,
    title: spec.title,
    ...(description ? { description } : {}),
    gridPos,
    datasource: DATASOURCE,
    targets: spec.queries.map((query, i) => ({
      refId: String.fromCharCode(65 + i),
      datasource: DATASOURCE,
      expr: query.expr,
      legendFormat: query.legend ?? (query.format === 'heatmap' ? '{{le}}' : '__auto'),
      range: true,
      instant: false,
      ...(query.format ? { format: query.format } : {}),
    })),
    fieldConfig: fieldConfig(spec),
    options: options(spec),
  };
}

function fieldConfig(spec: PanelSpec): FieldConfig {
  const defaults: FieldConfig['defaults'] = {
    ...(spec.unit ? { unit: spec.unit } : {}),
    ...(spec.min !== undefined ? { min: spec.min } : {}),
    ...(spec.max !== undefined ? { max: spec.max } : {}),
  };
  if (spec.mappings)
    defaults.mappings = [
      {
        type: 'value',
        options: Object.fromEntries(
          Object.entries(spec.mappings).map(([value, m], index) => [value, { ...m, index }]),
        ),
      },
    ];
  if (spec.kind === 'timeseries')
    defaults.custom = {
      drawStyle: 'line',
      lineWidth: 1,
      fillOpacity: spec.stack ? 40 : 10,
      showPoints: 'never',
      spanNulls: false,
      stacking: { mode: spec.stack ? 'normal' : 'none', group: 'A' },
    };
  if (spec.kind === 'stat' || spec.kind === 'state-timeline') defaults.color = { mode: 'thresholds' };
  return { defaults, overrides: [] };
}

function options(spec: PanelSpec): Record<string, unknown> {
  switch (spec.kind) {
    case 'timeseries':
      return {
        legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
        tooltip: { mode: 'multi', sort: 'desc' },
      };
    case 'stat':
      return {
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
        colorMode: 'value',
        graphMode: 'area',
        textMode: 'auto',
        justifyMode: 'auto',
        orientation: 'auto',
      };
    case 'heatmap':
      return {
        calculate: false,
        cellGap: 1,
        color: { mode: 'scheme', scheme: 'Oranges', exponent: 0.5, steps: 64, fill: 'dark-orange' },
        yAxis: { axisPlacement: 'left', unit: spec.unit ?? 's' },
        rowsFrame: { layout: 'auto' },
        tooltip: { mode: 'single', yHistogram: true, showColorScale: false },
        legend: { show: true },
      };
    case 'state-timeline':
      return { showValue: 'auto', mergeValues: true, alignValue: 'left', rowHeight: 0.9 };
  }
}

/** `$datasource`: which Prometheus every query goes to; it starts on harness's provisioned one. */
function datasourceVariable(): DatasourceVariable {
  return {
    type: 'datasource',
    name: DATASOURCE_VARIABLE,
    label: 'Prometheus',
    query: 'prometheus',
    current: { text: 'harness Prometheus', value: DATASOURCE_UID },
    regex: '',
    refresh: 1,
    multi: false,
    includeAll: false,
    options: [],
    hide: 0,
  };
}

function variable(v: VariableSpec): QueryVariable {
  return {
    type: 'query',
    name: v.name,
    label: v.label,
    datasource: DATASOURCE,
    query: { query: v.query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
    definition: v.query,
    refresh: 2,
    multi: true,
    includeAll: true,
    allValue: '.*',
    current: {},
    options: [],
    sort: 1,
    hide: 0,
  };
}

function annotation(a: AnnotationSpec): PrometheusAnnotation {
  return {
    name: a.name,
    datasource: DATASOURCE,
    enable: true,
    hide: false,
    iconColor: a.color,
    expr: a.expr,
    step: '1s',
    titleFormat: a.title,
    textFormat: a.text,
    tagKeys: '',
    useValueForTime: false,
  };
}
