/**
 * Checks thresholds against the metric registry before anything starts, so a
 * typo is an error at second 0, not after the run: each key must name a known
 * metric with tags that can be honoured, and each expression must parse and
 * use an aggregation the metric's type supports (k6's rules).
 */
import type { InputProblem } from '../../model/index.ts';
import {
  AGGREGATIONS_BY_TYPE,
  formatAggregation,
  METRICS,
  parseMetricKey,
  parseThreshold,
  tagProblems,
} from '../../model/index.ts';
import { didYouMean, formatPath } from '../scenario/format-problems.ts';

export interface CheckThresholdsOptions {
  /** Request names of the mix, to check `{name:…}` filters; omitted: any name passes. */
  requestNames?: readonly string[];
  /** Scenario names of the profiles, to check `{scenario:…}` filters; omitted: any name passes. */
  scenarioNames?: readonly string[];
  /** Path of the thresholds object in the file (default `thresholds`). */
  path?: readonly (string | number)[];
}

/** The expression text of an entry (`"p(95)<200"` or `{ threshold: "p(95)<200" }`), if it has one. */
export function thresholdSource(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (
    entry &&
    typeof entry === 'object' &&
    typeof (entry as { threshold?: unknown }).threshold === 'string'
  ) {
    return (entry as { threshold: string }).threshold;
  }
  return undefined;
}

/**
 * Problems of a thresholds object as written (it may be only partly valid:
 * entries that are not strings or `{threshold}` objects are the schema's to
 * report, and are skipped here).
 */
export function checkThresholds(thresholds: unknown, opts: CheckThresholdsOptions = {}): InputProblem[] {
  const base = opts.path ?? ['thresholds'];
  if (!thresholds || typeof thresholds !== 'object' || Array.isArray(thresholds)) return [];
  const problems: InputProblem[] = [];
  for (const [key, entries] of Object.entries(thresholds)) {
    const at = (...rest: (string | number)[]) => formatPath([...base, key, ...rest]);
    const parsed = parseMetricKey(key);
    let type: keyof typeof AGGREGATIONS_BY_TYPE | undefined;
    if ('problem' in parsed) {
      problems.push({ path: at(), message: parsed.problem });
    } else if (!METRICS[parsed.name]) {
      const guess = didYouMean(parsed.name, Object.keys(METRICS));
      problems.push({
        path: at(),
        message: `unknown metric "${parsed.name}"${guess ? ` — did you mean "${guess}"?` : `; metrics: ${Object.keys(METRICS).join(', ')}`}`,
      });
    } else {
      type = METRICS[parsed.name]!.type;
      for (const message of tagProblems(parsed, {
        ...(opts.requestNames ? { requestNames: opts.requestNames } : {}),
        ...(opts.scenarioNames ? { scenarioNames: opts.scenarioNames } : {}),
      })) {
        problems.push({ path: at(), message });
      }
    }
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, i) => {
      const source = thresholdSource(entry);
      if (source === undefined) return;
      const result = parseThreshold(source);
      if (!result.ok) {
        problems.push({ path: at(i), message: `"${source}": ${result.problem}` });
        return;
      }
      const method = result.expr.aggregation.method;
      if (type && !AGGREGATIONS_BY_TYPE[type].includes(method)) {
        const allowed = AGGREGATIONS_BY_TYPE[type].map((m) => (m === 'p' ? 'p(N)' : m)).join(', ');
        problems.push({
          path: at(i),
          message: `"${source}": ${formatAggregation(result.expr.aggregation)} does not apply to ${key} (a ${type}); use ${allowed}`,
        });
      }
    });
  }
  return problems;
}
