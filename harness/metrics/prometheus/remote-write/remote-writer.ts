/**
 * Pushes a registry's series to a Prometheus remote-write endpoint (k6's
 * `experimental-prometheus-rw` output, harness side): the same names, labels
 * and values a scrape of harness's /metrics shows, every `intervalMs`
 * (k6's default push interval: 5 s) and once more on `flush()`. Each push is
 * stamped with the end of the last interval sample, never the clock's now,
 * and stamps only move forward (Prometheus refuses an older sample of a
 * series). A push that fails is logged and the next one tries again: remote
 * storage going away must not cost the measurement.
 */
import type { Registry } from 'prom-client';
import { encodeWriteRequest, snappyLiteral, type TimeSeries } from './write-request.ts';

export interface RemoteWriterOptions {
  /** e.g. `http://127.0.0.1:9090/api/v1/write`. */
  url: string;
  registry: Registry;
  /** The timestamp of the newest data, ms (the last interval's end); undefined until there is one. */
  latestMs(): number | undefined;
  intervalMs?: number;
  log?: (line: string) => void;
}

export class RemoteWriter {
  #timer: NodeJS.Timeout | undefined;
  #lastMs = 0;
  #pushing: Promise<void> = Promise.resolve();
  #failures = 0;
  /** Pushes that reached the endpoint, and series in the last one (for tests and logs). */
  pushed = 0;
  lastSeries = 0;

  constructor(private readonly o: RemoteWriterOptions) {}

  start(): void {
    this.#timer = setInterval(() => void this.flush(), this.o.intervalMs ?? 5000);
    this.#timer.unref();
  }

  /** Pushes now (after any push under way); resolves when done, never rejects. */
  flush(): Promise<void> {
    this.#pushing = this.#pushing.then(() => this.#push());
    return this.#pushing;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }

  async #push(): Promise<void> {
    const latest = this.o.latestMs();
    if (latest === undefined) return;
    const ts = Math.max(Math.round(latest), this.#lastMs + 1);
    const series = await seriesOf(this.o.registry, ts);
    if (series.length === 0) return;
    try {
      const res = await fetch(this.o.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-protobuf',
          'content-encoding': 'snappy',
          'x-prometheus-remote-write-version': '0.1.0',
          'user-agent': 'harness',
        },
        body: snappyLiteral(encodeWriteRequest(series)),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) throw new Error(`${res.status} ${(await res.text()).trim().slice(0, 200)}`);
      this.#lastMs = ts;
      this.pushed++;
      this.lastSeries = series.length;
      this.#failures = 0;
    } catch (err) {
      // Said once per run of failures, not at every push.
      if (this.#failures++ === 0)
        this.o.log?.(`prometheus remote write to ${this.o.url} failed: ${(err as Error).message}`);
    }
  }
}

/** Every sample of the registry as a time series at `timestampMs` (histograms as their _bucket/_sum/_count). */
export async function seriesOf(registry: Registry, timestampMs: number): Promise<TimeSeries[]> {
  const out: TimeSeries[] = [];
  for (const metric of await registry.getMetricsAsJSON()) {
    for (const v of metric.values as {
      value: number;
      labels: Record<string, unknown>;
      metricName?: string;
    }[]) {
      const labels: Record<string, string> = { __name__: v.metricName ?? metric.name };
      for (const [k, value] of Object.entries(v.labels))
        if (value !== undefined && value !== '') labels[k] = String(value);
      out.push({ labels, samples: [{ value: v.value, timestampMs }] });
    }
  }
  return out;
}
