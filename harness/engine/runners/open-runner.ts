import type { RunContext } from '../http/run-context.ts';
import type { ArrivalPlan } from '../plan/types.ts';
import { Vu, type VuHost } from '../vu.ts';
import { type Runner, Timers } from './runner.ts';

/**
 * Open model (arrival-rate executors): one scheduler starts every iteration
 * that is due — a timer per wake-up, not per request — on a free VU, whether
 * or not earlier ones have answered. Latency counts from the planned start,
 * so a late scheduler or a slow target shows in `duration`. With every VU
 * busy and maxVUs reached, the iteration is dropped, never queued.
 */
export class OpenRunner implements Runner, VuHost {
  readonly vus: Vu[] = [];
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private readonly idle: Vu[] = [];
  private readonly timers = new Timers();
  private execStart = 0;
  private next = 0;
  private busy = 0;
  private stopped = false;

  constructor(
    private readonly plan: ArrivalPlan,
    private readonly run: RunContext,
  ) {
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  start(execStart: number): void {
    this.execStart = execStart;
    while (this.vus.length < this.plan.preAllocatedVUs) this.allocate();
    this.timers.at(this.plan.endMs + this.plan.gracefulStopMs + execStart - performance.now(), () =>
      this.abort(),
    );
    this.tick();
  }

  gauges(): { vus: number; vusMax: number } {
    return { vus: this.busy, vusMax: this.vus.length };
  }

  abort(): void {
    this.stopped = true;
    this.timers.clear();
    for (const vu of this.vus) vu.cancel();
    this.finishIfIdle();
  }

  onIterationEnd(vu: Vu): void {
    this.busy--;
    this.idle.push(vu);
    this.finishIfIdle();
  }

  private tick = (): void => {
    if (this.stopped) return;
    const { plan, execStart } = this;
    const now = performance.now();
    const elapsed = now - execStart;
    while (this.next < plan.totalIterations) {
      const due = plan.startOf(this.next);
      if (due > elapsed) {
        this.timers.at(due - elapsed, this.tick);
        return;
      }
      this.next++;
      const vu = this.idle.pop() ?? (this.vus.length < plan.maxVUs ? this.allocate(true) : undefined);
      if (vu === undefined) {
        this.run.recorder.recordDropped(now);
        continue;
      }
      this.busy++;
      vu.start(execStart + due);
    }
    this.finishIfIdle();
  };

  private allocate(): Vu;
  private allocate(taken: true): Vu;
  private allocate(taken = false): Vu {
    const vu = new Vu(this.vus.length + 1, this.run, this);
    this.vus.push(vu);
    if (!taken) this.idle.push(vu);
    return vu;
  }

  private finishIfIdle(): void {
    if (this.busy > 0 || (!this.stopped && this.next < this.plan.totalIterations)) return;
    this.stopped = true;
    this.timers.clear();
    this.resolveDone();
  }
}
