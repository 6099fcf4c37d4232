import type { ExecutorPlan } from '../plan/types.ts';
import type { Runner } from './runner.ts';

/** One scenario of a run: its plan (this thread's share) and the runner that drives it. */
export interface ScenarioRun {
  plan: ExecutorPlan;
  runner: Runner;
}

/**
 * The runners of one engine run's scenarios (k6 `options.scenarios`), driven
 * as one: each starts at its own `startTime`, the set is done when every one
 * is, an abort stops them all (a scenario not started yet never starts), and
 * the gauges are summed — with each scenario's own for `byScenario`.
 */
export class ScenarioSet {
  readonly done: Promise<void>;
  private readonly starts = new Set<NodeJS.Timeout>();
  private aborted = false;

  constructor(readonly runs: readonly ScenarioRun[]) {
    this.done = Promise.all(runs.map((r) => r.runner.done)).then(() => undefined);
  }

  /** Starts every scenario `startTimeMs` after `t0` (monotonic ms). */
  start(t0: number): void {
    for (const { plan, runner } of this.runs) {
      const at = t0 + plan.startTimeMs;
      const timer = setTimeout(
        () => {
          this.starts.delete(timer);
          if (!this.aborted) runner.start(at);
        },
        Math.max(0, at - performance.now()),
      );
      this.starts.add(timer);
    }
  }

  abort(): void {
    this.aborted = true;
    this.clearStarts();
    for (const { runner } of this.runs) runner.abort();
  }

  clearStarts(): void {
    for (const t of this.starts) clearTimeout(t);
    this.starts.clear();
  }

  checkTimeouts(now: number): void {
    for (const { runner } of this.runs) for (const vu of runner.vus) vu.checkTimeout(now);
  }

  /** Each scenario's `vus` and `vus_max` right now. */
  scenarioGauges(): { vus: number; vusMax: number }[] {
    return this.runs.map(({ runner }) => runner.gauges());
  }
}
