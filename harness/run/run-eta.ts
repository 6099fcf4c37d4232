/**
 * The run's remaining time, for live progress: what is left of the planned
 * warm-up and load of every cell not yet done, plus each remaining cell's
 * start-up, seeding, read-back and stop — measured on the cells that
 * finished (before the first one has, `DEFAULT_OVERHEAD_MS`). Pure: times
 * are arguments.
 */
import type { CellResult, RunResults, WarmupConfig } from '../../model/index.ts';
import { plannedTime } from '../plan/planned-time.ts';
import { warmupExecutor } from '../plan/warm-up.ts';

/** A cell's start-up, seeding, read-back and stop before any has been measured (built-in architectures here). */
export const DEFAULT_OVERHEAD_MS = 6000;

export class RunEta {
  readonly #planned = new Map<string, number>();
  readonly #overheads: number[] = [];
  readonly #order: string[];
  readonly #done = new Set<string>();
  #current: { id: string; startedAt: number } | undefined;

  constructor(results: RunResults) {
    const config = results.scenario.config as { warmup?: WarmupConfig } | undefined;
    const scale = results.options.durationScale;
    for (const c of results.cells) {
      const warmup = warmupExecutor(c.executor, config?.warmup ?? '0s', scale);
      const t = plannedTime({ executor: c.executor, warmup, preset: c.preset });
      this.#planned.set(c.id, t.warmupMs + t.loadMs);
    }
    this.#order = results.cells.map((c) => c.id);
  }

  /** 1-based position of a cell in the run and the number of cells. */
  position(id: string): { index: number; total: number } {
    return { index: this.#order.indexOf(id) + 1, total: this.#order.length };
  }

  cellStarted(cell: CellResult, now: number): void {
    this.#current = { id: cell.id, startedAt: now };
  }

  cellEnded(cell: CellResult, now: number): void {
    if (this.#current?.id !== cell.id) return;
    const took = now - this.#current.startedAt;
    // A cell cut short (failed, aborted) says nothing about a normal one's overhead.
    if (cell.status === 'completed')
      this.#overheads.push(Math.max(0, took - (this.#planned.get(cell.id) ?? 0)));
    this.#done.add(cell.id);
    this.#current = undefined;
  }

  /** Milliseconds left in the run at `now`. */
  remainingMs(now: number): number {
    const overhead =
      this.#overheads.length === 0
        ? DEFAULT_OVERHEAD_MS
        : this.#overheads.reduce((a, b) => a + b, 0) / this.#overheads.length;
    let left = 0;
    for (const id of this.#order) {
      if (this.#done.has(id)) continue;
      const planned = (this.#planned.get(id) ?? 0) + overhead;
      if (this.#current?.id === id) left += Math.max(0, planned - (now - this.#current.startedAt));
      else left += planned;
    }
    return left;
  }
}
