import { describe, expect, it } from 'vitest';
import { dashboardProblems } from './check.ts';
import { buildDashboard, type DashboardSpec } from './dashboard.ts';
import { layout } from './layout.ts';
import { q, row, stat, timeseries } from './panels.ts';

const spec: DashboardSpec = {
  uid: 'test',
  title: 'test',
  description: '',
  tags: [],
  variables: [{ name: 'target', label: 'Target', query: 'label_values(up, target)' }],
  annotations: [],
  items: [
    row('A'),
    stat('one', [q('sum(up{target=~"$target"})')]),
    timeseries('two', [q('rate(x_total{target=~"$target"}[$__rate_interval])')], { width: 20 }),
    timeseries('three', [q('y{target=~"$target"}')]),
  ],
};

describe('layout', () => {
  it('flows panels left to right, wraps a full line, puts rows on their own line', () => {
    const placed = layout(spec.items);
    expect(placed.map((p) => [p.id, p.gridPos])).toEqual([
      [1, { x: 0, y: 0, w: 24, h: 1 }],
      [2, { x: 0, y: 1, w: 4, h: 4 }],
      [3, { x: 4, y: 1, w: 20, h: 8 }],
      [4, { x: 0, y: 9, w: 12, h: 8 }],
    ]);
  });
});

describe('dashboardProblems', () => {
  it('passes a well-formed dashboard', () => {
    expect(dashboardProblems(buildDashboard(spec))).toEqual([]);
  });

  it('finds duplicate ids, overlaps, panels outside the grid and a hard-coded datasource', () => {
    const d = buildDashboard(spec);
    d.panels[2]!.id = 2;
    d.panels[3]!.gridPos = { x: 10, y: 5, w: 12, h: 8 };
    d.panels[1]!.gridPos.w = 30;
    d.panels[1]!.targets![0]!.datasource = { type: 'prometheus', uid: 'harness-prometheus' };
    const problems = dashboardProblems(d);
    expect(problems).toContain('panel 2 "two": id 2 is not unique');
    expect(problems).toContain('panel 2 "two" and panel 4 "three" overlap');
    expect(problems.some((p) => /panel 2 "one": gridPos .* outside the 24-column grid/.test(p))).toBe(true);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's ${name} syntax, not a template
    expect(problems).toContain('panel 2 "one" query A: datasource is not ${datasource}');
  });

  it('every query goes through the $datasource variable, which starts on the provisioned datasource', () => {
    const d = buildDashboard(spec);
    expect(d.templating.list[0]).toMatchObject({
      type: 'datasource',
      name: 'datasource',
      query: 'prometheus',
      current: { value: 'harness-prometheus' },
    });
    const uids = new Set(
      d.panels.flatMap((p) => [p.datasource?.uid, ...(p.targets ?? []).map((t) => t.datasource.uid)]),
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's ${name} syntax, not a template
    expect([...uids].filter(Boolean)).toEqual(['${datasource}']);
    d.templating.list.shift();
    expect(dashboardProblems(d)).toContain('no datasource variable $datasource of type prometheus');
  });

  it('finds a variable no query uses, and a $name that is not declared', () => {
    const d = buildDashboard({
      ...spec,
      variables: [
        ...spec.variables,
        { name: 'profile', label: 'Profile', query: 'label_values(up, profile)' },
      ],
      items: [...spec.items, stat('four', [q('z{name=~"$name"}')])],
    });
    expect(dashboardProblems(d)).toEqual([
      'variable $profile is declared but no panel or annotation uses it',
      '$name is used but not declared',
    ]);
  });
});
