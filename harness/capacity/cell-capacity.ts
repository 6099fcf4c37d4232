/**
 * A capacity cell's answer from its searches (`CellResult.capacity`): the
 * median capacity over the repeats with their spread, the bracket, stop
 * reason and bottleneck of the search that found the median, the step the
 * capacity was measured at, every generator-bound step, and the
 * latency-vs-rate curve of all of them. Pure, and rebuilt after every step,
 * so a partial run holds the search as far as it got.
 */
import type {
  CapacityOptions,
  CapacityResult,
  CapacitySearch,
  CapacitySettings,
  CapacityStepRecord,
  CellCapacity,
  CellResult,
  IntervalSample,
} from '../../model/index.ts';
import { findBottleneck, otherCores, SHARED } from './bottleneck.ts';
import { planCapacity } from './planner.ts';
import { summarizeRepeats } from './repeats.ts';

/** One search's result with the bottleneck at its knee. */
export function finishSearch(
  result: CapacityResult,
  steps: readonly CapacityStepRecord[],
  repeat: number,
  machineCores: number,
): CapacitySearch {
  return { ...result, repeat, bottleneck: findBottleneck(result, steps, machineCores) };
}

/**
 * Where a search stands when it is cut short (Ctrl-C, a failure): the
 * bracket of the steps it ran, stopped as `aborted`; null before its first step.
 */
export function searchSoFar(
  steps: readonly CapacityStepRecord[],
  options: CapacityOptions,
  repeat: number,
  machineCores: number,
): CapacitySearch | null {
  if (steps.length === 0) return null;
  const d = planCapacity(steps, { ...options, maxSteps: steps.length });
  if (d.action !== 'stop') return null;
  const notes = d.result.notes.filter((n) => !n.includes('(maxSteps)'));
  return finishSearch(
    { ...d.result, stop: 'aborted', notes: [...notes, 'the search was stopped before it ended'] },
    steps,
    repeat,
    machineCores,
  );
}

export function cellCapacity(
  settings: CapacitySettings,
  steps: readonly CapacityStepRecord[],
  searches: readonly CapacitySearch[],
): CellCapacity {
  const repeats = summarizeRepeats(searches);
  const chosen = medianSearch(searches, repeats.capacity);
  const own = steps.filter((s) => s.repeat === chosen?.repeat);
  const capacityStep =
    chosen === undefined
      ? null
      : chosen.capacity !== null
        ? (own.filter((s) => s.offered === chosen.capacity && s.verdict === 'pass').at(-1)?.index ?? null)
        : (lowestInformative(own)?.index ?? null);
  const notes = searches.flatMap((s) =>
    s.notes.map((n) => (searches.length > 1 ? `search ${s.repeat}: ${n}` : n)),
  );
  const shared = sharedMachine(steps);
  if (shared) notes.push(shared);
  return {
    settings,
    steps: [...steps],
    searches: [...searches],
    capacity: repeats.capacity,
    bracket: chosen?.bracket ?? { lower: null, upper: null, halfWidth: null },
    stop: chosen?.stop ?? 'aborted',
    repeats,
    capacityStep,
    bottleneck: chosen?.bottleneck ?? null,
    generatorBoundSteps: steps.filter((s) => s.verdict === 'generator-bound').map((s) => s.index),
    curve: searches.flatMap((s) => s.curve).sort((a, b) => a.offered - b.offered),
    notes,
  };
}

/** The search whose capacity is nearest the median (the first of equals); the first search when none found one. */
function medianSearch(
  searches: readonly CapacitySearch[],
  median: number | null,
): CapacitySearch | undefined {
  if (median === null) return searches[0];
  let best: CapacitySearch | undefined;
  for (const s of searches) {
    if (s.capacity === null) continue;
    if (best === undefined || Math.abs(s.capacity - median) < Math.abs(best.capacity! - median)) best = s;
  }
  return best;
}

/** A note when other processes used a good share of the machine while the search ran: its figures need a quiet re-measure. */
function sharedMachine(steps: readonly CapacityStepRecord[]): string | undefined {
  const measured = steps.filter((s) => s.machine !== undefined);
  if (measured.length === 0) return undefined;
  const others = measured.map((s) => otherCores(s, s.machine!.busyCores));
  const mean = others.reduce((a, b) => a + b, 0) / others.length;
  const cores = measured[0]!.machine!.cores;
  if (mean < SHARED * cores) return undefined;
  const max = Math.max(...others);
  return `the machine was shared: other processes used ${mean.toFixed(2)} of its ${cores} cores on average over the steps (up to ${max.toFixed(2)}) — their CPU shows up as this target's latency; re-measure on a quiet machine`;
}

function lowestInformative(steps: readonly CapacityStepRecord[]): CapacityStepRecord | undefined {
  return steps
    .filter((s) => s.verdict !== 'generator-bound')
    .reduce<CapacityStepRecord | undefined>(
      (lo, s) => (lo === undefined || s.offered < lo.offered ? s : lo),
      undefined,
    );
}

/**
 * The intervals a capacity cell is judged over — its summary, thresholds
 * and cost: the measured window of the step at its capacity (none held: the
 * lowest step it ran). undefined for any other cell, or before a step ran.
 */
export function capacityIntervals(
  cell: Pick<CellResult, 'capacity' | 'intervals'>,
): IntervalSample[] | undefined {
  const c = cell.capacity;
  if (c === undefined || c.capacityStep === null) return undefined;
  const step = c.steps.find((s) => s.index === c.capacityStep);
  if (step === undefined) return undefined;
  return cell.intervals.filter((s) => s.ts >= step.window.from && s.ts + s.durationMs <= step.window.to);
}
