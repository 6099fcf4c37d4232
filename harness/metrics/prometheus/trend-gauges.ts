/**
 * A k6 trend as k6's Prometheus remote-write output writes it: one gauge per
 * trend stat, named `<metric>_<stat>` (`k6_http_req_duration_p99`), in
 * seconds, over every value of the series since it began — k6 keeps one
 * trend sink per series for the whole test and writes its stats at each
 * flush. Here the sink is an HDR histogram per label set, merged one interval
 * at a time, so memory stays fixed whatever the request count.
 */
import { Gauge, type Registry } from 'prom-client';
import { LatencyHistogram } from '../../../model/index.ts';

/** k6's `K6_PROMETHEUS_RW_TREND_STATS=avg,min,med,max,p(90),p(95),p(99)`, named as k6 names them. */
export const TREND_STATS = [
  ['avg', (h: LatencyHistogram) => h.mean],
  ['min', (h: LatencyHistogram) => h.min],
  ['med', (h: LatencyHistogram) => h.percentile(50)],
  ['max', (h: LatencyHistogram) => h.max],
  ['p90', (h: LatencyHistogram) => h.percentile(90)],
  ['p95', (h: LatencyHistogram) => h.percentile(95)],
  ['p99', (h: LatencyHistogram) => h.percentile(99)],
] as const;

type Labels = Record<string, string>;

export class TrendGauges {
  readonly #gauges: [stat: (typeof TREND_STATS)[number], gauge: Gauge][];
  readonly #sinks = new Map<string, { labels: Labels; histogram: LatencyHistogram }>();

  constructor(
    /** `k6_http_req_duration`: the gauges are `<name>_avg` … `<name>_p99`. */
    readonly name: string,
    help: string,
    labelNames: readonly string[],
    registry: Registry,
  ) {
    this.#gauges = TREND_STATS.map((stat) => [
      stat,
      new Gauge({
        name: `${name}_${stat[0]}`,
        help: `${help}: ${stat[0]} since the series began, seconds`,
        labelNames: [...labelNames],
        registers: [registry],
      }),
    ]);
  }

  /** Adds an interval's values (an encoded µs histogram) to the series of `labels` and sets its gauges. */
  add(labels: Labels, encoded: string): void {
    const values = LatencyHistogram.decode(encoded);
    if (values.count === 0) return;
    const key = JSON.stringify(Object.entries(labels).sort());
    let sink = this.#sinks.get(key);
    if (sink === undefined) {
      sink = { labels, histogram: LatencyHistogram.create() };
      this.#sinks.set(key, sink);
    }
    sink.histogram.merge(values);
    for (const [[, of], gauge] of this.#gauges) gauge.set(labels, of(sink.histogram) / 1e6);
  }

  /** Drops every series whose labels include all of `match` (a finished cell). */
  remove(match: Labels): void {
    for (const [key, sink] of this.#sinks) {
      if (!Object.entries(match).every(([k, v]) => sink.labels[k] === v)) continue;
      for (const [, gauge] of this.#gauges) gauge.remove(sink.labels);
      this.#sinks.delete(key);
    }
  }
}
