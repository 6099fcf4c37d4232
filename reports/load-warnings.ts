/**
 * Who a cell's load warnings blame. The generator is blamed only for its own
 * saturation (event-loop lag, CPU); iterations dropped because every VU was
 * busy waiting for answers blame the target (or too low a maxVUs). Results
 * written before `vuPoolNotes` existed kept that note among the generator's
 * and set `generatorBound` for it: read them the same way.
 */
import type { CellResult } from '../model/index.ts';

const DROPPED = /^\d+ iterations dropped because/;

/** The generator's own notes (event-loop lag, CPU). */
export function generatorNotesOf(c: CellResult): string[] {
  return (c.generatorNotes ?? []).filter((n) => !DROPPED.test(n));
}

/** True when the load generator, not the target, limited the cell. */
export function isGeneratorBound(c: CellResult): boolean {
  if (c.generatorBound !== true) return false;
  // An older file: bound only because iterations were dropped.
  return !((c.generatorNotes ?? []).length > 0 && generatorNotesOf(c).length === 0);
}

/** Dropped iterations for lack of a free VU: the target was too slow, or maxVUs too low. */
export function vuPoolNotesOf(c: CellResult): string[] {
  return c.vuPoolNotes ?? (c.generatorNotes ?? []).filter((n) => DROPPED.test(n));
}
