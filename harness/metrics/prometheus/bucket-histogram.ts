/**
 * A Prometheus histogram fed with whole HDR histograms instead of single
 * observations. prom-client's Histogram only takes `observe(value)`, one
 * request at a time; the engine hands us one merged HDR histogram per request
 * name and interval, so this metric adds each interval's recorded values to
 * fixed cumulative buckets (`_bucket{le}`, `_sum`, `_count`) — the standard
 * Prometheus histogram that `histogram_quantile()` and Grafana's heatmap read.
 * It implements the small `get()` contract prom-client's Registry renders.
 */
import type { Metric, Registry } from 'prom-client';
import type { LatencyHistogram } from '../../../model/index.ts';

type Labels = Record<string, string>;

interface Series {
  labels: Labels;
  /** Non-cumulative count per bucket; the last slot is +Inf. */
  counts: number[];
  sum: number;
  count: number;
}

export interface BucketHistogramOptions {
  name: string;
  help: string;
  /** Upper bounds in seconds, ascending. */
  buckets: readonly number[];
  registers: Registry[];
}

export class BucketHistogram {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly buckets: readonly number[];
  readonly #series = new Map<string, Series>();

  constructor(opts: BucketHistogramOptions) {
    for (let i = 1; i < opts.buckets.length; i++)
      if (!(opts.buckets[i]! > opts.buckets[i - 1]!)) throw new Error(`${opts.name}: buckets must ascend`);
    this.name = opts.name;
    this.help = opts.help;
    this.buckets = opts.buckets;
    for (const r of opts.registers) r.registerMetric(this as unknown as Metric);
  }

  /** Adds every value of an HDR histogram (µs) under `labels`. */
  addHistogram(labels: Labels, histogram: LatencyHistogram): void {
    const series = this.#seriesOf(labels);
    histogram.forEachValue((micros, count) => {
      const seconds = micros / 1e6;
      series.counts[this.#bucketOf(seconds)]! += count;
      series.sum += seconds * count;
      series.count += count;
    });
  }

  /** Makes a label set appear with zero counts (a request name that has not answered yet). */
  zero(labels: Labels): void {
    this.#seriesOf(labels);
  }

  /** Drops every series whose labels include all of `match`. */
  remove(match: Labels): void {
    for (const [key, s] of this.#series)
      if (Object.entries(match).every(([k, v]) => s.labels[k] === v)) this.#series.delete(key);
  }

  reset(): void {
    this.#series.clear();
  }

  /** What prom-client's Registry renders: `_bucket` lines (cumulative), `_sum`, `_count`. */
  async get(): Promise<{
    name: string;
    help: string;
    type: string;
    aggregator: string;
    values: { metricName: string; labels: Record<string, string | number>; value: number }[];
  }> {
    const values: { metricName: string; labels: Record<string, string | number>; value: number }[] = [];
    for (const s of this.#series.values()) {
      let cumulative = 0;
      for (let i = 0; i <= this.buckets.length; i++) {
        cumulative += s.counts[i]!;
        const le = i < this.buckets.length ? this.buckets[i]! : '+Inf';
        values.push({ metricName: `${this.name}_bucket`, labels: { ...s.labels, le }, value: cumulative });
      }
      values.push({ metricName: `${this.name}_sum`, labels: s.labels, value: s.sum });
      values.push({ metricName: `${this.name}_count`, labels: s.labels, value: s.count });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  #seriesOf(labels: Labels): Series {
    const key = Object.keys(labels)
      .sort()
      .map((k) => `${k}=${labels[k]}`)
      .join('\u0000');
    let s = this.#series.get(key);
    if (s === undefined) {
      s = { labels: { ...labels }, counts: new Array(this.buckets.length + 1).fill(0), sum: 0, count: 0 };
      this.#series.set(key, s);
    }
    return s;
  }

  /** Index of the first bucket whose bound is ≥ `seconds` (binary search); the +Inf slot past the last. */
  #bucketOf(seconds: number): number {
    let lo = 0;
    let hi = this.buckets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.buckets[mid]! >= seconds) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
