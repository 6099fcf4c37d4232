import type { IntervalSample } from '../../model/index.ts';
import { intervalQuick } from '../../model/index.ts';

export const CPU_BOUND_CORES = 0.9;
export const LAG_BOUND_MS = 20;
/** Consecutive full intervals over a limit that make it "sustained". */
export const SUSTAINED_INTERVALS = 2;

/**
 * Judges from the interval samples whether the generator, not the target,
 * limited the run: CPU near a full core or a lagging event loop for
 * SUSTAINED_INTERVALS intervals in a row (the engine runs on one core), or
 * iterations dropped because every VU was busy.
 */
export class GeneratorVerdict {
  private cpuRun = 0;
  private lagRun = 0;
  private cpuWorst = 0;
  private lagWorst = 0;
  private cpuBound = false;
  private lagBound = false;
  private dropped = 0;
  /** Worst p99 and the rate of the intervals that dropped iterations: what the VUs were waiting for. */
  private droppedP99 = 0;
  private droppedRate = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly maxVUs: number | undefined,
    /** Threads the generator runs on: CPU-bound is near this many cores. */
    private readonly cores = 1,
  ) {}

  observe(sample: IntervalSample): void {
    this.dropped += sample.droppedIterations;
    if (sample.droppedIterations > 0) {
      const q = intervalQuick(sample);
      if (q.p99 >= this.droppedP99) {
        this.droppedP99 = q.p99;
        this.droppedRate = q.rate + sample.droppedIterations / (sample.durationMs / 1000);
      }
    }
    const g = sample.generator;
    // A short last interval says little about sustained load.
    if (g === undefined || sample.durationMs < this.intervalMs / 2) return;
    this.cpuRun = g.cpuCores >= CPU_BOUND_CORES * this.cores ? this.cpuRun + 1 : 0;
    this.lagRun = g.eventLoopLagP99Ms > LAG_BOUND_MS ? this.lagRun + 1 : 0;
    if (this.cpuRun >= SUSTAINED_INTERVALS) {
      this.cpuBound = true;
      this.cpuWorst = Math.max(this.cpuWorst, g.cpuCores);
    }
    if (this.lagRun >= SUSTAINED_INTERVALS) {
      this.lagBound = true;
      this.lagWorst = Math.max(this.lagWorst, g.eventLoopLagP99Ms);
    }
  }

  get generatorBound(): boolean {
    return this.cpuBound || this.lagBound;
  }

  /** Iterations were dropped: every VU was busy waiting for the target. */
  get vuPoolExhausted(): boolean {
    return this.dropped > 0;
  }

  /** Why the generator was the bottleneck (empty when it was not). */
  notes(): string[] {
    const notes: string[] = [];
    if (this.cpuBound) {
      notes.push(
        `generator CPU at ${this.cpuWorst.toFixed(2)} cores (≥ ${(CPU_BOUND_CORES * this.cores).toFixed(2)}) for ${SUSTAINED_INTERVALS}+ intervals in a row: the load generator saturated its core, so throughput and latency partly measure the generator`,
      );
    }
    if (this.lagBound) {
      notes.push(
        `generator event-loop lag p99 reached ${this.lagWorst.toFixed(1)} ms (> ${LAG_BOUND_MS} ms) for ${SUSTAINED_INTERVALS}+ intervals in a row: requests were sent and timed late by the generator itself`,
      );
    }
    return notes;
  }

  /** Dropped iterations, blamed on what the VUs were waiting for: the target (or too low a maxVUs). */
  vuPoolNotes(): string[] {
    if (this.dropped === 0) return [];
    const pool = this.maxVUs === undefined ? 'every VU' : `all ${this.maxVUs} VUs (maxVUs)`;
    const waited =
      this.droppedP99 > 0
        ? ` — the target answered at p99 ${fmtMs(this.droppedP99)} then, so ${Math.ceil((this.droppedRate * this.droppedP99) / 1000)} VUs would have been needed at ${Math.round(this.droppedRate)}/s`
        : ' — the target did not answer in time';
    return [
      `${this.dropped} iterations dropped because ${pool} were busy waiting for the target${waited}: the target was too slow for this arrival rate, or maxVUs is too low for its latency. The figures are the target's; the dropped iterations are load it never received`,
    ];
  }
}

function fmtMs(ms: number): string {
  return ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}
