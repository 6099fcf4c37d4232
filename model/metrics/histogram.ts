/**
 * A mergeable HDR latency histogram (values in microseconds, 3 significant
 * digits, 1 µs to 1 h). Fixed memory per histogram, whatever the request
 * count; histograms from worker threads, intervals and trials merge exactly.
 */
import * as hdr from 'hdr-histogram-js';

const LOWEST_US = 1;
const HIGHEST_US = 3_600_000_000;

export class LatencyHistogram {
  private constructor(private readonly h: hdr.Histogram) {}

  static create(): LatencyHistogram {
    return new LatencyHistogram(
      hdr.build({
        lowestDiscernibleValue: LOWEST_US,
        highestTrackableValue: HIGHEST_US,
        numberOfSignificantValueDigits: 3,
        bitBucketSize: 32,
        autoResize: true,
        useWebAssembly: false,
      }),
    );
  }

  /** Decodes a histogram written by `encode()`. */
  static decode(encoded: string): LatencyHistogram {
    return new LatencyHistogram(hdr.decodeFromCompressedBase64(encoded, 32, false));
  }

  /** Records one value in microseconds (clamped to the trackable range). */
  record(micros: number): void {
    const v = micros < LOWEST_US ? LOWEST_US : micros > HIGHEST_US ? HIGHEST_US : Math.round(micros);
    this.h.recordValue(v);
  }

  /** Adds every value of `other` into this histogram. */
  merge(other: LatencyHistogram): this {
    this.h.add(other.h);
    return this;
  }

  get count(): number {
    return this.h.totalCount;
  }
  get min(): number {
    return this.h.totalCount === 0 ? 0 : this.h.minNonZeroValue;
  }
  get max(): number {
    return this.h.maxValue;
  }
  get mean(): number {
    return this.h.totalCount === 0 ? 0 : this.h.mean;
  }

  /** Value at percentile `p` (0..100), in microseconds; 0 when empty. */
  percentile(p: number): number {
    return this.h.totalCount === 0 ? 0 : this.h.getValueAtPercentile(p);
  }

  /**
   * Calls `fn` once per distinct recorded value (µs, the highest value of its
   * HDR bucket) with its count, in ascending order: what a Prometheus
   * exporter needs to fill its own buckets without re-recording each request.
   */
  forEachValue(fn: (micros: number, count: number) => void): void {
    const total = this.h.totalCount;
    if (total === 0) return;
    if (!(this.h instanceof hdr.JsHistogram)) throw new Error('forEachValue needs a JS histogram');
    // Straight over the counts array (the library's iterator allocates per step: ~20× slower).
    const h = this.h;
    let seen = 0;
    for (let i = 0; i < h.countsArrayLength && seen < total; i++) {
      const count = h.getCountAtIndex(i);
      if (count === 0) continue;
      seen += count;
      fn(h.highestEquivalentValue(h.valueFromIndex(i)), count);
    }
  }

  /** Compact base64 (HdrHistogram's compressed V2 encoding, readable by other HDR tools). */
  encode(): string {
    return hdr.encodeIntoCompressedBase64(this.h);
  }

  reset(): void {
    this.h.reset();
  }
}
