/**
 * Cell summaries from interval samples. Latency histograms are decoded and
 * merged exactly — percentiles of the cell are percentiles of every request,
 * never averages of per-interval percentiles. Rates divide by the measured
 * window (first interval start → last interval end).
 */
import type { CellSummary, LatencyStats, RequestSummary, ScenarioSummary } from '../results/types.ts';
import { LatencyHistogram } from './histogram.ts';
import { usToMs, windowMs } from './registry.ts';
import type { IntervalSample, RequestStats } from './types.ts';

/** Latency statistics in ms (µs precision) of a µs histogram; all zero when it is empty. */
export function latencyStats(h: LatencyHistogram): LatencyStats {
  return {
    avg: usToMs(h.mean),
    min: usToMs(h.min),
    med: usToMs(h.percentile(50)),
    max: usToMs(h.max),
    p90: usToMs(h.percentile(90)),
    p95: usToMs(h.percentile(95)),
    p99: usToMs(h.percentile(99)),
    p999: usToMs(h.percentile(99.9)),
  };
}

/** Running totals of one request name (or of all of them). */
class RequestTotals {
  count = 0;
  failed = 0;
  bytesSent = 0;
  bytesReceived = 0;
  readonly errors: Record<string, number> = {};
  readonly statuses: Record<string, number> = {};
  readonly duration = LatencyHistogram.create();
  serviceTime: LatencyHistogram | undefined;

  add(r: RequestStats): void {
    this.count += r.count;
    this.failed += r.failed;
    this.bytesSent += r.bytesSent;
    this.bytesReceived += r.bytesReceived;
    for (const [k, n] of Object.entries(r.errors)) this.errors[k] = (this.errors[k] ?? 0) + (n ?? 0);
    for (const [k, n] of Object.entries(r.statuses)) this.statuses[k] = (this.statuses[k] ?? 0) + n;
    // An interval with no request may carry an empty encoded histogram: skip the decode.
    if (r.count > 0 && r.duration) this.duration.merge(LatencyHistogram.decode(r.duration));
    if (r.serviceTime) {
      this.serviceTime ??= LatencyHistogram.create();
      if (r.count > 0) this.serviceTime.merge(LatencyHistogram.decode(r.serviceTime));
    }
  }

  /** Merges another name's totals in (histograms are already decoded, so this is cheap). */
  addTotals(t: RequestTotals): void {
    this.count += t.count;
    this.failed += t.failed;
    this.bytesSent += t.bytesSent;
    this.bytesReceived += t.bytesReceived;
    for (const [k, n] of Object.entries(t.errors)) this.errors[k] = (this.errors[k] ?? 0) + n;
    for (const [k, n] of Object.entries(t.statuses)) this.statuses[k] = (this.statuses[k] ?? 0) + n;
    this.duration.merge(t.duration);
    if (t.serviceTime) {
      this.serviceTime ??= LatencyHistogram.create();
      this.serviceTime.merge(t.serviceTime);
    }
  }
}

const perSecond = (n: number, ms: number): number => (ms > 0 ? n / (ms / 1000) : 0);
const ratio = (n: number, of: number): number => (of > 0 ? n / of : 0);

/** Summary of one cell from all of its intervals. */
export function summarizeCell(intervals: readonly IntervalSample[]): CellSummary {
  const ms = windowMs(intervals);
  const byName = new Map<string, RequestTotals>();
  let iterations = 0;
  let droppedIterations = 0;
  let vusMax = 0;
  let byScenario: Record<string, ScenarioSummary> | undefined;
  for (const s of intervals) {
    iterations += s.iterations;
    droppedIterations += s.droppedIterations;
    vusMax = Math.max(vusMax, s.vusMax, s.vus);
    for (const [name, x] of Object.entries(s.byScenario ?? {})) {
      byScenario ??= {};
      const t = byScenario[name] ?? { iterations: 0, droppedIterations: 0, vusMax: 0 };
      byScenario[name] = t;
      t.iterations += x.iterations;
      t.droppedIterations += x.droppedIterations;
      t.vusMax = Math.max(t.vusMax, x.vusMax, x.vus);
    }
    for (const [name, r] of Object.entries(s.byRequest)) {
      const t = byName.get(name) ?? new RequestTotals();
      byName.set(name, t);
      t.add(r);
    }
  }

  const all = new RequestTotals();
  const byRequest: Record<string, RequestSummary> = {};
  for (const [name, t] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
    all.addTotals(t);
    byRequest[name] = {
      count: t.count,
      rate: perSecond(t.count, ms),
      failed: t.failed,
      errorRate: ratio(t.failed, t.count),
      duration: latencyStats(t.duration),
    };
  }

  return {
    durationMs: ms,
    requests: all.count,
    rate: perSecond(all.count, ms),
    failed: all.failed,
    errorRate: ratio(all.failed, all.count),
    errors: all.errors,
    statuses: all.statuses,
    duration: latencyStats(all.duration),
    ...(all.serviceTime ? { serviceTime: latencyStats(all.serviceTime) } : {}),
    iterations,
    droppedIterations,
    vusMax,
    dataSent: all.bytesSent,
    dataReceived: all.bytesReceived,
    byRequest,
    ...(byScenario ? { byScenario } : {}),
  };
}

/** The few figures live progress and charts show for one interval (latencies in ms). */
export interface IntervalQuick {
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  errorRate: number;
}

export function intervalQuick(sample: IntervalSample): IntervalQuick {
  let count = 0;
  let failed = 0;
  const encoded: string[] = [];
  for (const r of Object.values(sample.byRequest)) {
    count += r.count;
    failed += r.failed;
    if (r.count > 0 && r.duration) encoded.push(r.duration);
  }
  // One request name (the usual case): its histogram as decoded, without a merge into an empty one.
  const h =
    encoded.length === 1
      ? LatencyHistogram.decode(encoded[0]!)
      : encoded.reduce((acc, e) => acc.merge(LatencyHistogram.decode(e)), LatencyHistogram.create());
  return {
    rate: perSecond(count, sample.durationMs),
    p50: usToMs(h.percentile(50)),
    p95: usToMs(h.percentile(95)),
    p99: usToMs(h.percentile(99)),
    errorRate: ratio(failed, count),
  };
}
