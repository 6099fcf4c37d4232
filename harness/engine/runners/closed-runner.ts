import type { RunContext } from '../http/run-context.ts';
import type { VuPlan } from '../plan/types.ts';
import type { VuHost, VuLike } from '../vu.ts';
import { type Runner, Timers } from './runner.ts';

/**
 * Closed model (constant-vus, ramping-vus, shared-iterations,
 * per-vu-iterations): VU number i loops while i ≤ the plan's current target,
 * thinking `thinkTime` between iterations. A VU ramped down finishes its
 * iteration within gracefulRampDown; at the plan's end every VU finishes
 * within gracefulStop, then is cancelled. Iteration budgets end it earlier.
 */
export class ClosedRunner implements Runner, VuHost {
  readonly vus: VuLike[] = [];
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private readonly timers = new Timers();
  private target = 0;
  private thinking = 0;
  private planEnded = false;
  private stopped = false;
  private sharedTaken = 0;

  constructor(
    private readonly plan: VuPlan,
    private readonly run: RunContext,
  ) {
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  start(execStart: number): void {
    const now = performance.now();
    for (const step of this.plan.steps) {
      // The plan's end (and its zero step) belongs to endOfPlan, with gracefulStop rather than gracefulRampDown.
      if (step.atMs >= this.plan.endMs) continue;
      this.timers.at(execStart + step.atMs - now, () => this.setTarget(step.vus));
    }
    this.timers.at(execStart + this.plan.endMs - now, () => this.endOfPlan());
  }

  gauges(): { vus: number; vusMax: number } {
    let busy = 0;
    for (const vu of this.vus) if (vu.busy) busy++;
    return { vus: Math.max(this.target, busy), vusMax: this.plan.maxVus };
  }

  abort(): void {
    this.stopped = true;
    this.target = 0;
    this.timers.clear();
    this.thinking = 0;
    for (const vu of this.vus) vu.cancel();
    this.finishIfIdle();
  }

  onIterationEnd(vu: VuLike): void {
    this.next(vu);
    this.finishIfIdle();
  }

  private setTarget(target: number): void {
    if (this.stopped || this.planEnded) return;
    const before = this.target;
    this.target = target;
    while (this.vus.length < target) this.vus.push(this.run.createVu(this.vus.length + 1, this));
    for (let i = before; i < target; i++) {
      const vu = this.vus[i]!;
      if (!vu.busy) this.next(vu, true);
    }
    if (target < before) {
      // VUs above the new target may finish their iteration, for gracefulRampDown at most.
      this.timers.at(this.plan.gracefulRampDownMs, () => {
        for (let i = this.target; i < before && i < this.vus.length; i++) this.vus[i]!.cancel();
      });
    }
    this.finishIfIdle();
  }

  /** Starts (or, after think time, schedules) vu's next iteration if the plan allows one. */
  private next(vu: VuLike, fresh = false): void {
    if (!this.mayRun(vu) || !this.takeBudget(vu)) return;
    const think = this.run.workload.thinkTimeMs;
    if (think === 0 || fresh) {
      const now = performance.now();
      vu.start(now, now);
      return;
    }
    this.thinking++;
    this.timers.at(think, () => {
      this.thinking--;
      if (this.mayRun(vu)) {
        const now = performance.now();
        vu.start(now, now);
      } else this.finishIfIdle();
    });
  }

  private mayRun(vu: VuLike): boolean {
    return !this.stopped && !this.planEnded && vu.id <= this.target;
  }

  private takeBudget(vu: VuLike): boolean {
    const budget = this.plan.iterations;
    if (budget.kind === 'shared') {
      if (this.sharedTaken >= budget.total) return false;
      this.sharedTaken++;
      return true;
    }
    if (budget.kind === 'per-vu') return vu.iterations < budget.perVu;
    return true;
  }

  private endOfPlan(): void {
    this.planEnded = true;
    this.target = 0;
    this.timers.at(this.plan.gracefulStopMs, () => this.abort());
    this.finishIfIdle();
  }

  private finishIfIdle(): void {
    if (this.thinking > 0) return;
    if (!this.stopped && !this.planEnded && !this.budgetSpent()) return;
    for (const vu of this.vus) if (vu.busy) return;
    this.stopped = true;
    this.timers.clear();
    this.resolveDone();
  }

  private budgetSpent(): boolean {
    const budget = this.plan.iterations;
    if (budget.kind === 'shared') return this.sharedTaken >= budget.total;
    if (budget.kind === 'per-vu') {
      return this.vus.length === this.plan.maxVus && this.vus.every((vu) => vu.iterations >= budget.perVu);
    }
    return false;
  }
}
