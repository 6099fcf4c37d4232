/**
 * k6's per-sample points folded into harness's per-second interval samples:
 * per request name (k6 tag `name`) a count, failures by error class, counts
 * per status, HDR histograms of http_req_duration and of k6's request
 * phases; iterations, dropped iterations and iteration_duration per
 * scenario; checks; VUs. Memory stays per interval, never per request.
 *
 * Time: intervals start at the first sample that is not a VU gauge (k6 ticks
 * `vus` even while paused) and are `intervalMs` long. A point that arrives
 * after its interval was handed on (k6 flushes its outputs in batches) counts
 * in the oldest interval still open. Intervals close once the newest point is
 * `lateMs` past their end, and all of them at `finish()`.
 *
 * Several k6 instances (k6-operator's execution segments): give each point
 * its instance; counts and histograms add up, and each instance's last VU
 * gauge of an interval is summed.
 *
 * What k6 keeps elsewhere than harness: bytes (`data_sent`, `data_received`)
 * are per iteration, tagged by scenario only; they are spread over the
 * interval's request names in proportion to their requests.
 */

import {
  type ErrorClass,
  HTTP_TIMINGS,
  type HttpTiming,
  type IntervalSample,
  LatencyHistogram,
  type RequestStats,
  type ScenarioStats,
} from '../../../model/index.ts';
import { classifyStatus } from '../../engine/http/classify-error.ts';
import type { K6Point } from './json-lines.ts';

export interface PointAggregatorOptions {
  sink: (sample: IntervalSample) => void;
  intervalMs?: number;
  /** How long after an interval's end its points may still arrive (live: 1500 ms). */
  lateMs?: number;
  /** Scenario names for `byScenario` (every harness scenario named); absent: no byScenario. */
  scenarios?: readonly string[];
  /** Scenarios of the open model: their request durations are also kept as service time. */
  openScenarios?: ReadonlySet<string>;
  /** The first interval's start (epoch ms), when known beforehand (import: the earliest over all files). */
  t0?: number;
}

class RequestAcc {
  count = 0;
  failed = 0;
  sent = 0;
  received = 0;
  readonly errors: Partial<Record<ErrorClass, number>> = {};
  readonly statuses: Record<string, number> = {};
  readonly duration = LatencyHistogram.create();
  service: LatencyHistogram | undefined;
  readonly timings = new Map<HttpTiming, LatencyHistogram>();
}

class IntervalAcc {
  readonly byName = new Map<string, RequestAcc>();
  readonly iterations = new Map<string, number>();
  readonly dropped = new Map<string, number>();
  readonly iterationDuration = LatencyHistogram.create();
  checks = { passes: 0, fails: 0 };
  checked = false;
  sent = 0;
  received = 0;
  /** instance → [time, value] of its last gauge point. */
  readonly vus = new Map<string, [number, number]>();
  readonly vusMax = new Map<string, [number, number]>();

  request(name: string): RequestAcc {
    let r = this.byName.get(name);
    if (r === undefined) {
      r = new RequestAcc();
      this.byName.set(name, r);
    }
    return r;
  }
}

const TIMING_OF: Record<string, HttpTiming> = Object.fromEntries(
  HTTP_TIMINGS.map((t) => [`http_req_${t}`, t]),
);
const GAUGES = new Set(['vus', 'vus_max']);

export class PointAggregator {
  #t0: number | undefined;
  readonly #intervalMs: number;
  readonly #open = new Map<number, IntervalAcc>();
  /** Points before t0 is known (gauges only can come first). */
  readonly #early: [K6Point, string][] = [];
  #next = 0;
  #watermark = Number.NEGATIVE_INFINITY;
  #lastEnd = Number.NEGATIVE_INFINITY;
  readonly #lastVus = new Map<string, number>();
  readonly #lastVusMax = new Map<string, number>();
  #carrySent = 0;
  #carryReceived = 0;
  /** Points that arrived after their interval closed, counted in a later one. */
  late = 0;

  constructor(private readonly o: PointAggregatorOptions) {
    this.#intervalMs = o.intervalMs ?? 1000;
    this.#t0 = o.t0;
  }

  /** Start of the first interval (epoch ms), once known. */
  get startedAt(): number | undefined {
    return this.#t0;
  }

  add(p: K6Point, instance = ''): void {
    if (this.#t0 === undefined) {
      if (GAUGES.has(p.metric)) {
        this.#early.push([p, instance]);
        return;
      }
      this.#t0 = p.time;
      for (const [e, i] of this.#early.splice(0)) this.#add(e, i);
    }
    this.#add(p, instance);
    this.#watermark = Math.max(this.#watermark, p.time);
    const late = this.o.lateMs ?? Number.POSITIVE_INFINITY;
    while (this.#t0 + (this.#next + 1) * this.#intervalMs + late <= this.#watermark)
      this.#close(this.#intervalMs);
  }

  /** Closes every interval left, the last one ending at the last sample. */
  finish(): void {
    if (this.#t0 === undefined) return;
    const lastIndex = Math.max(this.#next, ...this.#open.keys());
    while (this.#next < lastIndex) this.#close(this.#intervalMs);
    if (this.#open.has(this.#next)) {
      const start = this.#t0 + this.#next * this.#intervalMs;
      this.#close(Math.max(1, Math.min(this.#intervalMs, Math.ceil(this.#lastEnd - start))));
    }
  }

  #add(p: K6Point, instance: string): void {
    const t0 = this.#t0!;
    let index = Math.floor((p.time - t0) / this.#intervalMs);
    if (index < this.#next) {
      // Gauge ticks from before the first sample (k6 paused) only set the starting VUs.
      if (index < 0 && GAUGES.has(p.metric)) {
        (p.metric === 'vus' ? this.#lastVus : this.#lastVusMax).set(instance, p.value);
        return;
      }
      if (index >= 0 || !GAUGES.has(p.metric)) this.late++;
      index = this.#next;
    }
    this.#lastEnd = Math.max(this.#lastEnd, p.time);
    let acc = this.#open.get(index);
    if (acc === undefined) {
      acc = new IntervalAcc();
      this.#open.set(index, acc);
    }
    const tags = p.tags;
    const scenario = tags.scenario ?? 'default';
    switch (p.metric) {
      case 'http_reqs': {
        const r = acc.request(tags.name ?? tags.url ?? 'request');
        r.count += p.value;
        const status = Number(tags.status ?? 0);
        if (status > 0) r.statuses[String(status)] = (r.statuses[String(status)] ?? 0) + p.value;
        if (tags.expected_response === 'false') {
          r.failed += p.value;
          const error = status > 0 ? classifyStatus(status) : errorOfCode(Number(tags.error_code ?? 0));
          r.errors[error] = (r.errors[error] ?? 0) + p.value;
        }
        break;
      }
      case 'http_req_duration': {
        const r = acc.request(tags.name ?? tags.url ?? 'request');
        r.duration.record(p.value * 1000);
        if (this.o.openScenarios?.has(scenario)) {
          r.service ??= LatencyHistogram.create();
          r.service.record(p.value * 1000);
        }
        break;
      }
      case 'iterations':
        acc.iterations.set(scenario, (acc.iterations.get(scenario) ?? 0) + p.value);
        break;
      case 'dropped_iterations':
        acc.dropped.set(scenario, (acc.dropped.get(scenario) ?? 0) + p.value);
        break;
      case 'iteration_duration':
        acc.iterationDuration.record(p.value * 1000);
        break;
      case 'checks':
        acc.checked = true;
        if (p.value !== 0) acc.checks.passes++;
        else acc.checks.fails++;
        break;
      case 'data_sent':
        acc.sent += p.value;
        break;
      case 'data_received':
        acc.received += p.value;
        break;
      case 'vus':
      case 'vus_max': {
        const gauges = p.metric === 'vus' ? acc.vus : acc.vusMax;
        const seen = gauges.get(instance);
        if (seen === undefined || seen[0] <= p.time) gauges.set(instance, [p.time, p.value]);
        break;
      }
      default: {
        const timing = TIMING_OF[p.metric];
        if (timing === undefined) break;
        const r = acc.request(tags.name ?? tags.url ?? 'request');
        let h = r.timings.get(timing);
        if (h === undefined) {
          h = LatencyHistogram.create();
          r.timings.set(timing, h);
        }
        h.record(p.value * 1000);
      }
    }
  }

  #close(durationMs: number): void {
    const index = this.#next++;
    const acc = this.#open.get(index) ?? new IntervalAcc();
    this.#open.delete(index);
    for (const [instance, [, v]] of acc.vus) this.#lastVus.set(instance, v);
    for (const [instance, [, v]] of acc.vusMax) this.#lastVusMax.set(instance, v);
    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    // Bytes go to the interval's request names by their share of its requests; with none, to the next interval.
    const sent = acc.sent + this.#carrySent;
    const received = acc.received + this.#carryReceived;
    const requests = [...acc.byName.values()].reduce((n, r) => n + r.count, 0);
    [this.#carrySent, this.#carryReceived] = requests > 0 ? [0, 0] : [sent, received];
    if (requests > 0) {
      const entries = [...acc.byName.values()];
      const sentParts = spread(
        sent,
        entries.map((r) => r.count),
      );
      const receivedParts = spread(
        received,
        entries.map((r) => r.count),
      );
      entries.forEach((r, k) => {
        r.sent = sentParts[k]!;
        r.received = receivedParts[k]!;
      });
    }
    const byRequest: Record<string, RequestStats> = {};
    for (const [name, r] of acc.byName) {
      if (r.count === 0 && r.duration.count === 0) continue;
      const stats: RequestStats = {
        count: r.count,
        failed: r.failed,
        errors: r.errors,
        statuses: r.statuses,
        duration: r.duration.encode(),
        bytesSent: r.sent,
        bytesReceived: r.received,
      };
      if (r.service) stats.serviceTime = r.service.encode();
      if (r.timings.size > 0)
        stats.timings = Object.fromEntries([...r.timings].map(([t, h]) => [t, h.encode()]));
      byRequest[name] = stats;
    }
    const sample: IntervalSample = {
      ts: Math.round(this.#t0! + index * this.#intervalMs),
      durationMs: Math.round(durationMs),
      byRequest,
      iterations: sum(acc.iterations),
      droppedIterations: sum(acc.dropped),
      vus: sum(this.#lastVus),
      vusMax: sum(this.#lastVusMax),
    };
    if (acc.iterationDuration.count > 0) sample.iterationDuration = acc.iterationDuration.encode();
    if (acc.checked) sample.checks = acc.checks;
    if (this.o.scenarios) {
      const byScenario: Record<string, ScenarioStats> = {};
      // k6 does not tag VUs by scenario: harness refuses vus{scenario:…} thresholds for this engine.
      for (const name of this.o.scenarios)
        byScenario[name] = {
          iterations: acc.iterations.get(name) ?? 0,
          droppedIterations: acc.dropped.get(name) ?? 0,
          vus: 0,
          vusMax: 0,
        };
      sample.byScenario = byScenario;
    }
    this.o.sink(sample);
  }
}

/** harness's error class of a request k6 got no response for, from k6's error code. */
export function errorOfCode(code: number): ErrorClass {
  if (code === 1050 || code === 1211) return 'timeout';
  if (code === 1212) return 'refused';
  if (code === 1220) return 'reset';
  return 'other';
}

/** `total` in integer parts proportional to `weights` (largest remainder), summing to `total`. */
export function spread(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let left = Math.round(total - parts.reduce((a, b) => a + b, 0));
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}
