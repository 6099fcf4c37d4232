import type { RunContext } from '../http/run-context.ts';
import type { ArrivalPlan } from '../plan/types.ts';
import type { VuHost, VuLike } from '../vu.ts';
import { type Runner, Timers } from './runner.ts';

/**
 * Open model (arrival-rate executors): one scheduler starts every iteration
 * that is due — a timer per wake-up, not per request — on a free VU, whether
 * or not earlier ones have answered. Latency counts from the planned start,
 * so a late scheduler or a slow target shows in `duration`. With every VU
 * busy and maxVUs reached, the iteration is dropped, never queued.
 */
export class OpenRunner implements Runner, VuHost {
  readonly vus: VuLike[] = [];
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private readonly idle: VuLike[] = [];
  private readonly timers = new Timers();
  private execStart = 0;
  private next = 0;
  private busy = 0;
  private stopped = false;
  private ioPolled = true;
  private immediate: NodeJS.Immediate | undefined;

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
    this.wake();
  }

  gauges(): { vus: number; vusMax: number } {
    return { vus: this.busy, vusMax: this.vus.length };
  }

  abort(): void {
    this.stopped = true;
    this.timers.clear();
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    for (const vu of this.vus) vu.cancel();
    this.finishIfIdle();
  }

  onIterationEnd(vu: VuLike): void {
    this.busy--;
    this.idle.push(vu);
    this.finishIfIdle();
  }

  /** A timer woke the scheduler: responses that arrived meanwhile have not been read yet. */
  private wake = (): void => {
    this.ioPolled = false;
    this.tick();
  };

  /** Run after the event loop's I/O phase: VUs whose responses were waiting are free again. */
  private afterIo = (): void => {
    this.immediate = undefined;
    this.ioPolled = true;
    this.tick();
  };

  private tick(): void {
    if (this.stopped) return;
    const { plan, execStart } = this;
    // Every iteration due by now starts in this one wake-up; the clock is read per start, so the lag
    // recorded for the last of a batch includes the sends before it.
    let now = performance.now();
    while (this.next < plan.totalIterations) {
      const due = execStart + plan.startOf(this.next);
      if (due > now) {
        now = performance.now();
        if (due > now) {
          this.timers.at(due - now, this.wake);
          return;
        }
      }
      let vu = this.idle.pop();
      if (vu === undefined) {
        // Timers run before I/O in an event-loop turn: after a stall, the responses that would free
        // VUs are still unread. Read them first (one turn), then grow the pool or drop.
        if (!this.ioPolled) {
          this.immediate ??= setImmediate(this.afterIo);
          return;
        }
        if (this.vus.length < plan.maxVUs) vu = this.allocate(true);
      }
      this.next++;
      if (vu === undefined) {
        this.run.recorder.recordDropped(now, this.run.scenario);
        continue;
      }
      this.busy++;
      vu.start(due, now);
      now = performance.now();
      if (this.stopped) return;
    }
    this.finishIfIdle();
  }

  private allocate(): VuLike;
  private allocate(taken: true): VuLike;
  private allocate(taken = false): VuLike {
    const vu = this.run.createVu(this.vus.length + 1, this);
    this.vus.push(vu);
    if (!taken) this.idle.push(vu);
    return vu;
  }

  private finishIfIdle(): void {
    if (this.busy > 0 || (!this.stopped && this.next < this.plan.totalIterations)) return;
    this.stopped = true;
    this.timers.clear();
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.resolveDone();
  }
}
