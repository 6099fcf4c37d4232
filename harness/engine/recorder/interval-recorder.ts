import type {
  ErrorClass,
  GeneratorStats,
  IntervalSample,
  SampleSink,
  ScenarioStats,
} from '../../../model/index.ts';
import { LatencyHistogram } from '../../../model/index.ts';
import { RequestAccumulator } from './request-accumulator.ts';

/** Gauges read when an interval closes. */
export interface IntervalGauges {
  vus: number;
  vusMax: number;
  /** Per scenario, in the order of `scenarios` (when the recorder has them). */
  scenarios?: readonly { vus: number; vusMax: number }[];
  generator?: GeneratorStats;
}

export interface IntervalRecorderOptions {
  /** Request names, by mix index. */
  names: readonly string[];
  /** Open model: also record service time and scheduling lag (the default for `slotOf`). */
  serviceTime: boolean;
  /**
   * Scenario names (k6 tag `scenario`): iterations, dropped iterations and
   * VUs are also kept per scenario, by index, in `byScenario`. Absent: one
   * unnamed scenario, index 0, and no `byScenario`.
   */
  scenarios?: readonly string[];
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

/** Request names beyond this many (scripts naming requests by URL) share the name `other`. */
export const MAX_REQUEST_NAMES = 500;

/**
 * Aggregates requests into fixed intervals aligned to the run start. Every
 * record call takes its timestamp (monotonic ms), and a timestamp past the
 * current interval closes it first, so a request lands in the interval it
 * completed in even when the flush timer runs late. Histograms are made once
 * and reset after each interval; nothing is allocated per request.
 */
export class IntervalRecorder {
  private readonly names: string[] = [];
  private readonly acc: RequestAccumulator[] = [];
  /** Mix index → accumulator: two mix entries with one name share their stats. */
  private readonly slot: number[];
  private readonly slotByName = new Map<string, number>();
  private readonly lag: LatencyHistogram | undefined;
  /** k6 `iteration_duration` of the current interval, µs. */
  private readonly iterationDuration = LatencyHistogram.create();
  private index = 0;
  private end: number;
  /** Per scenario index; the interval's totals are their sums. */
  private readonly iterations: Uint32Array;
  private readonly dropped: Uint32Array;
  private failedIterations = 0;
  private checkPasses = 0;
  private checkFails = 0;
  private checked = false;
  private finished = false;

  constructor(private readonly o: IntervalRecorderOptions) {
    this.slot = o.names.map((n) => this.slotOf(n));
    this.end = o.t0 + o.intervalMs;
    this.lag = o.serviceTime ? LatencyHistogram.create() : undefined;
    const scenarios = Math.max(1, o.scenarios?.length ?? 1);
    this.iterations = new Uint32Array(scenarios);
    this.dropped = new Uint32Array(scenarios);
  }

  /**
   * The slot of a request name, made on first use (scripts name their
   * requests as they go). `serviceTime`: whether it keeps a service-time
   * histogram (an open-model scenario sends it); a name two scenarios share
   * shares its slot.
   */
  slotOf(name: string, serviceTime = this.o.serviceTime): number {
    let s = this.slotByName.get(name);
    if (s !== undefined) {
      if (serviceTime) this.acc[s]!.keepServiceTime();
      return s;
    }
    if (this.names.length >= MAX_REQUEST_NAMES) return this.slotOf('other', serviceTime);
    s = this.names.length;
    this.names.push(name);
    this.acc.push(new RequestAccumulator(serviceTime));
    this.slotByName.set(name, s);
    return s;
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
    this.recordBySlot(at, this.slot[request]!, durationUs, serviceUs, status, error, sent, received);
  }

  /** As recordRequest, with a slot from `slotOf`. */
  recordBySlot(
    at: number,
    slot: number,
    durationUs: number,
    serviceUs: number,
    status: number,
    error: ErrorClass | undefined,
    sent: number,
    received: number,
  ): void {
    if (at >= this.end) this.advance(at);
    this.acc[slot]!.record(durationUs, serviceUs, status, error, sent, received);
  }

  /**
   * `scenario`: index in `scenarios` (0 without); `durationMs`: from the
   * iteration's actual start to `at` (k6 `iteration_duration`), when known.
   */
  recordIteration(at: number, scenario = 0, durationMs?: number): void {
    if (at >= this.end) this.advance(at);
    this.iterations[scenario]!++;
    if (durationMs !== undefined) this.iterationDuration.record(durationMs * 1000);
  }

  recordDropped(at: number, scenario = 0): void {
    if (at >= this.end) this.advance(at);
    this.dropped[scenario]!++;
  }

  /** A scripted iteration threw (it is recorded as an iteration too). */
  recordFailedIteration(at: number): void {
    if (at >= this.end) this.advance(at);
    this.failedIterations++;
  }

  /** Open model: one iteration started `lagMs` after its intended start. */
  recordLag(at: number, lagMs: number): void {
    if (at >= this.end) this.advance(at);
    this.lag?.record(lagMs * 1000);
  }

  recordCheck(at: number, passed: boolean): void {
    if (at >= this.end) this.advance(at);
    this.checked = true;
    if (passed) this.checkPasses++;
    else this.checkFails++;
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
    return (
      this.iterations.some((n) => n > 0) ||
      this.dropped.some((n) => n > 0) ||
      this.checkPasses + this.checkFails > 0 ||
      this.acc.some((a) => a.count > 0)
    );
  }

  private close(durationMs: number): void {
    const byRequest: IntervalSample['byRequest'] = {};
    for (let i = 0; i < this.acc.length; i++) {
      const a = this.acc[i]!;
      if (a.count > 0) byRequest[this.names[i]!] = a.drain();
    }
    const gauges = this.o.gauges(durationMs);
    let iterations = 0;
    let dropped = 0;
    for (let i = 0; i < this.iterations.length; i++) {
      iterations += this.iterations[i]!;
      dropped += this.dropped[i]!;
    }
    const sample: IntervalSample = {
      ts: this.o.startedAt + this.index * this.o.intervalMs,
      durationMs: Math.round(durationMs),
      byRequest,
      iterations,
      droppedIterations: dropped,
      vus: gauges.vus,
      vusMax: gauges.vusMax,
    };
    if (this.o.scenarios !== undefined) {
      const byScenario: Record<string, ScenarioStats> = {};
      this.o.scenarios.forEach((name, i) => {
        const g = gauges.scenarios?.[i];
        byScenario[name] = {
          iterations: this.iterations[i]!,
          droppedIterations: this.dropped[i]!,
          vus: g?.vus ?? 0,
          vusMax: g?.vusMax ?? 0,
        };
      });
      sample.byScenario = byScenario;
    }
    if (this.failedIterations > 0) sample.failedIterations = this.failedIterations;
    if (this.checked) sample.checks = { passes: this.checkPasses, fails: this.checkFails };
    if (gauges.generator !== undefined) sample.generator = gauges.generator;
    if (this.lag !== undefined && this.lag.count > 0) {
      sample.scheduleLag = this.lag.encode();
      this.lag.reset();
    }
    if (this.iterationDuration.count > 0) {
      sample.iterationDuration = this.iterationDuration.encode();
      this.iterationDuration.reset();
    }
    this.iterations.fill(0);
    this.dropped.fill(0);
    this.failedIterations = 0;
    this.checkPasses = 0;
    this.checkFails = 0;
    this.index++;
    this.end += this.o.intervalMs;
    this.o.sink.onInterval(sample);
    this.o.onSample?.(sample);
  }
}
