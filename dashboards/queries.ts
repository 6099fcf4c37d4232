/**
 * Every PromQL expression of a dashboard — panel queries, annotations and
 * template variables — with when it can have data, and the substitution of
 * Grafana's variables that makes an expression a query Prometheus answers
 * directly (what Grafana itself does before it sends one).
 */
import type { DashboardSpec } from './builder/dashboard.ts';
import type { Requires } from './builder/panels.ts';
import { RATE_INTERVAL } from './datasource.ts';

export interface PanelQuery {
  dashboard: string;
  /** `panel "Requests/s" A`, `annotation "Faults"`, `variable $target`. */
  where: string;
  expr: string;
  requires: Requires;
  /** A `label_values(…)` variable query: asked through /api/v1/series, not /api/v1/query. */
  labelValues?: { match: string; label: string };
}

export function dashboardQueries(spec: DashboardSpec): PanelQuery[] {
  const out: PanelQuery[] = [];
  for (const item of spec.items) {
    if (item.kind === 'row') continue;
    item.queries.forEach((query, i) => {
      out.push({
        dashboard: spec.uid,
        where: `panel "${item.title}" ${String.fromCharCode(65 + i)}`,
        expr: query.expr,
        requires: item.requires ?? {},
      });
    });
  }
  for (const a of spec.annotations)
    out.push({
      dashboard: spec.uid,
      where: `annotation "${a.name}"`,
      expr: a.expr,
      requires: { faults: a.name === 'Faults' },
    });
  for (const v of spec.variables) {
    const m = /^label_values\((.*),\s*(\w+)\)$/s.exec(v.query);
    if (!m) throw new Error(`variable $${v.name}: expected label_values(metric{…}, label), got ${v.query}`);
    out.push({
      dashboard: spec.uid,
      where: `variable $${v.name}`,
      expr: v.query,
      requires: {},
      labelValues: { match: m[1]!.trim(), label: m[2]! },
    });
  }
  return out;
}

/**
 * Replaces `$name` / `${name}` by `values[name]` (a regex: variables are
 * multi-value, matched with `=~`) and Grafana's interval variables by fixed
 * windows: `$__rate_interval` as Grafana computes it for a 1 s scrape.
 */
export function expandVariables(
  expr: string,
  values: Record<string, string>,
  opts: { range?: string } = {},
): string {
  const builtIn: Record<string, string> = {
    __rate_interval: RATE_INTERVAL,
    __interval: '1s',
    __range: opts.range ?? '5m',
  };
  return expr.replace(/\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g, (_whole, a?: string, b?: string) => {
    const name = (a ?? b)!;
    const value = builtIn[name] ?? values[name];
    if (value === undefined) throw new Error(`no value for $${name} in ${expr}`);
    return value;
  });
}
