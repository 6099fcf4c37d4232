/** How the report names cells and orders targets and profiles. */
import type { CellResult, RunResults } from '../model/index.ts';

/** `monolith`, or `monolith #2` when the run had several trials. */
export function cellLabel(cell: CellResult, trials: number): string {
  return trials > 1 ? `${cell.target} #${cell.trial}` : cell.target;
}

/** Distinct values in order of first appearance. */
export function inOrder<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** Targets and profiles in the order the run met them. */
export function runAxes(results: RunResults): { targets: string[]; profiles: string[] } {
  return {
    targets: inOrder(results.cells.map((c) => c.target)),
    profiles: inOrder(results.cells.map((c) => c.profile)),
  };
}

/** Short label of a threshold: the expression, plus the tag filter when there is one. */
export function thresholdLabel(metric: string, expression: string): string {
  const tags = /\{.*\}$/.exec(metric)?.[0];
  return tags ? `${expression} ${tags}` : expression;
}
