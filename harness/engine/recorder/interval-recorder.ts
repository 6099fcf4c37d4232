import type { ErrorClass, GeneratorStats, IntervalSample, SampleSink } from '../../metrics/types.ts';
import { RequestAccumulator } from './request-accumulator.ts';

/** Gauges read when an interval closes. */
export interface IntervalGauges {
  vus: number;
  vusMax: number;
  generator?: GeneratorStats;
}

export interface IntervalRecorderOptions {
  /** Request names, by mix index. */
  names: readonly string[];
  /** Open model: also record service time. */
  serviceTime: boolean;
  /** Run start: epoch ms and the same instant on the monotonic clock (performance.now()). */
  startedAt: number;
  t0: number;
  intervalMs: number;
  /** Called at each interval's end for the gauges and generator stats. */
  gauges: (durationMs: number) => IntervalGauges;
  /** Called with each closed sample (after the sink), e.g. to judge the generator. */
  onSample?: (sample: IntervalSample) => void;
  sink: SampleSink;
}

/**
 * Aggregates requests into fixed intervals aligned to the run start. Every
 * record call takes its timestamp (monotonic ms), and a timestamp past the
 * current interval closes it first, so a request lands in the interval it
 * completed in even when the flush timer runs late.
 */
export class IntervalRecorder {
  private readonly names: string[];
  private readonly acc: RequestAccumulator[];
  /** Mix index → accumulator: two mix entries with one name share their stats. */
  private readonly slot: number[];
  private index = 0;
  private end: number;
  private iterations = 0;
  private dropped = 0;
  private finished = false;

  constructor(private readonly o: IntervalRecorderOptions) {
    this.names = [...new Set(o.names)];
    this.acc = this.names.map(() => new RequestAccumulator(o.serviceTime));
    this.slot = o.names.map((n) => this.names.indexOf(n));
    this.end = o.t0 + o.intervalMs;
  }

  recordRequest(
    at: number,
    request: number,
    durationUs: number,
    serviceUs: number,
    status: number,
    error: ErrorClass | undefined,
    sent: number,
    received: number,
  ): void {
    if (at >= this.end) this.advance(at);
    this.acc[this.slot[request]!]!.record(durationUs, serviceUs, status, error, sent, received);
  }

  recordIteration(at: number): void {
    if (at >= this.end) this.advance(at);
    this.iterations++;
  }

  recordDropped(at: number): void {
    if (at >= this.end) this.advance(at);
    this.dropped++;
  }

  /** Closes every interval that ended at or before `at`. */
  advance(at: number): void {
    while (!this.finished && at >= this.end) this.close(this.o.intervalMs);
  }

  /** Monotonic time at which the current interval ends. */
  get currentEnd(): number {
    return this.end;
  }

  /** Closes full intervals up to `at`, then the partial one that `at` ends. */
  finish(at: number): void {
    this.advance(at);
    if (this.finished) return;
    const partial = at - (this.end - this.o.intervalMs);
    // A sliver after the last boundary is only worth a sample when something happened in it.
    if (partial >= 1 || this.hasData()) this.close(Math.max(1, partial));
    this.finished = true;
  }

  private hasData(): boolean {
    return this.iterations > 0 || this.dropped > 0 || this.acc.some((a) => a.count > 0);
  }

  private close(durationMs: number): void {
    const byRequest: IntervalSample['byRequest'] = {};
    this.acc.forEach((a, i) => {
      if (a.count > 0) byRequest[this.names[i]!] = a.drain();
    });
    const gauges = this.o.gauges(durationMs);
    const sample: IntervalSample = {
      ts: this.o.startedAt + this.index * this.o.intervalMs,
      durationMs: Math.round(durationMs),
      byRequest,
      iterations: this.iterations,
      droppedIterations: this.dropped,
      vus: gauges.vus,
      vusMax: gauges.vusMax,
    };
    if (gauges.generator !== undefined) sample.generator = gauges.generator;
    this.iterations = 0;
    this.dropped = 0;
    this.index++;
    this.end += this.o.intervalMs;
    this.o.sink.onInterval(sample);
    this.o.onSample?.(sample);
  }
}
