import type { VuLike } from '../vu.ts';

/** One executor driving VUs; resolves `done` when its last iteration has ended. */
export interface Runner {
  /** Starts the executor at `execStart` (monotonic ms). */
  start(execStart: number): void;
  readonly done: Promise<void>;
  /** Stops at once: no new iterations, in-flight ones cancelled. */
  abort(): void;
  /** Every VU allocated so far, for the timeout sweep. */
  readonly vus: readonly VuLike[];
  /** k6 `vus` and `vus_max` right now. */
  gauges(): { vus: number; vusMax: number };
}

/** A timer that can be cleared with the others when the run ends. */
export class Timers {
  private readonly set = new Set<NodeJS.Timeout>();

  at(delayMs: number, fn: () => void): void {
    const t = setTimeout(
      () => {
        this.set.delete(t);
        fn();
      },
      Math.max(0, delayMs),
    );
    this.set.add(t);
  }

  clear(): void {
    for (const t of this.set) clearTimeout(t);
    this.set.clear();
  }
}
