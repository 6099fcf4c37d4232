/**
 * k6's legacy `--summary-export` layout from the current one, as k6 itself
 * derives it: groups and checks keyed by name, metric values flattened, a
 * rate metric's `rate` named `value`, and every threshold a boolean that is
 * `true` when the threshold FAILED (k6's quirk, kept: tools that read this
 * layout expect it).
 */
import type { K6Group, K6LegacyGroup, K6LegacySummary, K6SummaryData } from './types.ts';

export function toLegacySummary(data: K6SummaryData): K6LegacySummary {
  const metrics: K6LegacySummary['metrics'] = {};
  for (const [name, m] of Object.entries(data.metrics)) {
    const flat: Record<string, number | Record<string, boolean>> = {};
    for (const [k, v] of Object.entries(m.values)) flat[m.type === 'rate' && k === 'rate' ? 'value' : k] = v;
    if (m.thresholds)
      flat.thresholds = Object.fromEntries(Object.entries(m.thresholds).map(([expr, t]) => [expr, !t.ok]));
    metrics[name] = flat;
  }
  return { root_group: legacyGroup(data.root_group), metrics };
}

function legacyGroup(g: K6Group): K6LegacyGroup {
  return {
    name: g.name,
    path: g.path,
    id: g.id,
    groups: Object.fromEntries(g.groups.map((child) => [child.name, legacyGroup(child)])),
    checks: Object.fromEntries(g.checks.map((c) => [c.name, c])),
  };
}
