/**
 * What makes a dashboard JSON load in Grafana the way it was meant to: unique
 * panel ids, panels inside the 24-column grid and not overlapping, every
 * panel, query, variable and annotation on the `$datasource` variable (never
 * a hard-coded uid) and that variable declared, every template variable used
 * and no `$name` that is not one. Returns every problem found, each naming its panel.
 */
import { DATASOURCE, DATASOURCE_VARIABLE } from '../datasource.ts';
import type { GrafanaDashboard, GrafanaPanel } from './grafana-types.ts';
import { GRID_COLUMNS } from './layout.ts';

/** Variables Grafana itself defines. */
const BUILT_IN = new Set([
  '__rate_interval',
  '__interval',
  '__interval_ms',
  '__range',
  '__range_s',
  '__range_ms',
]);

const variableRefs = (text: string): string[] =>
  [...text.matchAll(/\$(?:\{([A-Za-z_]\w*)(?::\w+)?\}|([A-Za-z_]\w*))/g)].map((m) => m[1] ?? m[2]!);

const DATASOURCE_UID = DATASOURCE.uid;

export function dashboardProblems(d: GrafanaDashboard): string[] {
  const problems: string[] = [];
  const panels = d.panels;
  const name = (p: GrafanaPanel) => `panel ${p.id} "${p.title}"`;

  const ids = new Set<number>();
  for (const p of panels) {
    if (ids.has(p.id)) problems.push(`${name(p)}: id ${p.id} is not unique`);
    ids.add(p.id);
    const g = p.gridPos;
    if (g.x < 0 || g.y < 0 || g.w <= 0 || g.h <= 0 || g.x + g.w > GRID_COLUMNS)
      problems.push(`${name(p)}: gridPos ${JSON.stringify(g)} is outside the ${GRID_COLUMNS}-column grid`);
  }
  for (let i = 0; i < panels.length; i++)
    for (let j = i + 1; j < panels.length; j++) {
      const a = panels[i]!.gridPos;
      const b = panels[j]!.gridPos;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
        problems.push(`${name(panels[i]!)} and ${name(panels[j]!)} overlap`);
    }

  const texts: string[] = [];
  for (const p of panels) {
    if (p.type === 'row') continue;
    texts.push(p.datasource?.uid ?? '');
    if (p.datasource?.uid !== DATASOURCE_UID)
      problems.push(`${name(p)}: datasource is not ${DATASOURCE_UID}`);
    if (!p.targets || p.targets.length === 0) problems.push(`${name(p)}: no queries`);
    const refIds = new Set<string>();
    for (const t of p.targets ?? []) {
      if (t.datasource.uid !== DATASOURCE_UID)
        problems.push(`${name(p)} query ${t.refId}: datasource is not ${DATASOURCE_UID}`);
      if (refIds.has(t.refId)) problems.push(`${name(p)}: refId ${t.refId} twice`);
      refIds.add(t.refId);
      if (t.expr.trim() === '') problems.push(`${name(p)} query ${t.refId}: empty expression`);
      texts.push(t.expr, t.legendFormat ?? '');
    }
  }
  for (const a of d.annotations.list) {
    if (!('expr' in a)) continue;
    if (a.datasource.uid !== DATASOURCE_UID)
      problems.push(`annotation "${a.name}": datasource is not ${DATASOURCE_UID}`);
    texts.push(a.expr);
  }

  const declared = new Set<string>();
  for (const v of d.templating.list) {
    if (declared.has(v.name)) problems.push(`variable $${v.name} is declared twice`);
    declared.add(v.name);
    if (v.type === 'datasource') continue;
    if (v.datasource.uid !== DATASOURCE_UID)
      problems.push(`variable $${v.name}: datasource is not ${DATASOURCE_UID}`);
    texts.push(v.datasource.uid);
  }
  const picker = d.templating.list.find((v) => v.type === 'datasource');
  if (picker?.name !== DATASOURCE_VARIABLE || picker.query !== 'prometheus')
    problems.push(`no datasource variable $${DATASOURCE_VARIABLE} of type prometheus`);
  const used = new Set(texts.flatMap(variableRefs));
  const usedByVariables = new Set(
    d.templating.list.flatMap((v) => (v.type === 'query' ? variableRefs(v.query.query) : [])),
  );
  for (const v of d.templating.list)
    if (!used.has(v.name))
      problems.push(`variable $${v.name} is declared but no panel or annotation uses it`);
  for (const ref of [...used, ...usedByVariables])
    if (!declared.has(ref) && !BUILT_IN.has(ref)) problems.push(`$${ref} is used but not declared`);
  return problems;
}
