/**
 * Verdicts between the targets of one run: for each profile (and fault
 * schedule), every target against the reference — the scenario's
 * `reference`, else the first target — metric by metric, with the same
 * noise-aware judgement as `harness compare` (verdict.ts): a Mann–Whitney
 * test over the per-trial figures with ≥ 3 trials a side, otherwise over the
 * per-second figures at the stricter α, and a tolerance that must agree.
 *
 * With one trial the per-second test measures the noise *within* each cell,
 * not between runs (machine load, warm-up, a neighbour's test): the renderers
 * say so next to every verdict of that kind.
 *
 * Cost (CPU per 1,000 requests, requests per core, memory) is compared as a
 * delta only: one sample per trial gives no test with fewer than 3 trials.
 */
import type {
  CellResult,
  CompareOptions,
  CostComparison,
  CostMetric,
  RunResults,
  TargetComparison,
  TargetVerdicts,
  Tolerances,
} from '../../model/index.ts';
import { COST_METRICS } from '../../model/index.ts';
import { compareGroup, groupCells, MIN_TRIALS } from './compare.ts';
import { median } from './metric-samples.ts';
import { DEFAULT_ALPHA, DEFAULT_INTERVAL_ALPHA, DEFAULT_TOLERANCES } from './verdict.ts';

export interface TargetVerdictOptions extends CompareOptions {
  /** Overrides the scenario's `reference`. */
  reference?: string;
}

/** The reference named in the stored scenario, if any. */
export function scenarioReference(results: RunResults): string | undefined {
  const config = results.scenario.config;
  if (typeof config !== 'object' || config === null) return undefined;
  const ref = (config as { reference?: unknown }).reference;
  return typeof ref === 'string' ? ref : undefined;
}

/** A cell's target name without its fault schedule: `monolith@none` → `monolith`. */
export function baseTarget(cell: CellResult): string {
  return cell.schedule && cell.target.endsWith(`@${cell.schedule}`)
    ? cell.target.slice(0, -cell.schedule.length - 1)
    : cell.target;
}

export function targetVerdicts(results: RunResults, opts: TargetVerdictOptions = {}): TargetVerdicts {
  const alpha = opts.alpha ?? DEFAULT_ALPHA;
  const intervalAlpha = opts.intervalAlpha ?? DEFAULT_INTERVAL_ALPHA;
  const tolerances: Tolerances = { ...DEFAULT_TOLERANCES, ...opts.tolerances };
  const named = opts.reference ?? scenarioReference(results);
  const firstCell = results.cells[0];
  const reference = named ?? (firstCell ? baseTarget(firstCell) : '');
  const source: TargetVerdicts['source'] =
    opts.reference !== undefined ? 'option' : named !== undefined ? 'scenario' : 'first-target';

  // Completed cells by (profile, schedule), then by target, in the run's order.
  const groups = new Map<
    string,
    { profile: string; schedule?: string; byTarget: Map<string, CellResult[]> }
  >();
  const searched = new Set<string>();
  for (const cells of groupCells(results).values()) {
    const first = cells[0]!;
    // A capacity search's seconds are a staircase of rates: its targets compare by capacity (the report's capacity table).
    if (first.capacity !== undefined) {
      searched.add(first.profile);
      continue;
    }
    const key = `${first.profile}\u0000${first.schedule ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        profile: first.profile,
        ...(first.schedule ? { schedule: first.schedule } : {}),
        byTarget: new Map(),
      };
      groups.set(key, g);
    }
    g.byTarget.set(first.target, cells);
  }

  const comparisons: TargetComparison[] = [];
  const notes: string[] = [];
  for (const g of groups.values()) {
    const entries = [...g.byTarget];
    if (entries.length < 2) continue;
    let ref = entries.find(([, cells]) => baseTarget(cells[0]!) === reference);
    const where = `profile ${g.profile}${g.schedule ? ` under ${g.schedule}` : ''}`;
    if (ref === undefined) {
      ref = entries[0]!;
      notes.push(
        `${where}: ${reference} did not run (or did not complete); compared against ${ref[0]} instead`,
      );
    }
    const [refName, refCells] = ref;
    for (const [name, cells] of entries) {
      if (name === refName) continue;
      const group = compareGroup(refCells, cells, { trials: alpha, intervals: intervalAlpha }, tolerances);
      comparisons.push({
        profile: g.profile,
        ...(g.schedule ? { schedule: g.schedule } : {}),
        reference: refName,
        target: name,
        method: group.method,
        trials: [refCells.length, cells.length],
        metrics: group.metrics,
        cost: COST_METRICS.map((metric) => costComparison(metric, refCells, cells)),
      });
    }
  }
  for (const profile of searched)
    notes.push(
      `profile ${profile}: a capacity search — its targets are compared by capacity, not second by second`,
    );
  return {
    reference,
    source,
    comparisons,
    settings: { alpha, intervalAlpha, tolerances, minTrials: MIN_TRIALS },
    notes,
  };
}

function costComparison(
  metric: CostMetric,
  refCells: readonly CellResult[],
  cells: readonly CellResult[],
): CostComparison {
  const of = (list: readonly CellResult[]) =>
    median(list.map((c) => c.cost?.[metric]).filter((v): v is number => typeof v === 'number'));
  const reference = of(refCells);
  const target = of(cells);
  return {
    metric,
    reference,
    target,
    deltaPct:
      reference !== null && target !== null && reference !== 0 ? (target - reference) / reference : null,
  };
}
