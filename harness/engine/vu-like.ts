/** What runners and the run context need of a VU, whether it runs the request mix or a script. */

export interface VuHost {
  /** `completed` is false when the iteration was cancelled (not counted, not recorded). */
  onIterationEnd(vu: VuLike, completed: boolean): void;
}

/** What runners need of a VU, whether it runs the request mix or a script. */
export interface VuLike {
  readonly id: number;
  readonly busy: boolean;
  /** Iterations this VU completed. */
  readonly iterations: number;
  /** Starts one iteration; `intendedAt` is its planned start, `now` the time (monotonic ms). */
  start(intendedAt: number, now: number): void;
  /** Fails the current request once it has been out longer than the timeout. */
  checkTimeout(now: number): void;
  /** Cancels the current iteration: not recorded, not counted. */
  cancel(): void;
}
