/**
 * A read-only, fast path over the encoded latency histograms of results
 * files, for rendering long runs. It decodes HdrHistogram's compressed V2
 * encoding directly (native zlib, then ZigZag LEB128 counts) into sparse
 * (index → count) entries, and merges and ranks them by touched index only —
 * where `LatencyHistogram` (hdr-histogram-js) walks its whole counts array on
 * every merge and percentile. Percentiles are the same as hdr-histogram-js's
 * `getValueAtPercentile`, bucket for bucket (see counts-histogram.test.ts).
 */
import { inflateSync } from 'node:zlib';

const V2_COMPRESSED = 0x1c849304;
const V2 = 0x1c849303;
const HEADER_BYTES = 40;

/** The bucket layout implied by the significant digits and the lowest discernible value. */
interface Layout {
  digits: number;
  unitMagnitude: number;
  subBucketHalfCountMagnitude: number;
  subBucketHalfCount: number;
}

function layoutOf(digits: number, lowest: number): Layout {
  const largestSingleUnit = 2 * 10 ** digits;
  const subBucketCountMagnitude = Math.ceil(Math.log2(largestSingleUnit));
  const subBucketHalfCountMagnitude = Math.max(subBucketCountMagnitude, 1) - 1;
  return {
    digits,
    unitMagnitude: Math.floor(Math.log2(lowest)),
    subBucketHalfCountMagnitude,
    subBucketHalfCount: 2 ** subBucketHalfCountMagnitude,
  };
}

export class CountsHistogram {
  private counts = new Float64Array(1024);
  private touched: number[] = [];
  private sorted = true;
  private layout: Layout | undefined;
  count = 0;

  /** Adds one encoded histogram (as stored in results files). */
  addEncoded(encoded: string): this {
    const outer = Buffer.from(encoded, 'base64');
    if ((outer.readInt32BE(0) & ~0xf0) !== V2_COMPRESSED) throw new Error('not a compressed V2 HdrHistogram');
    const raw = inflateSync(outer.subarray(8, 8 + outer.readInt32BE(4)));
    if ((raw.readInt32BE(0) & ~0xf0) !== V2) throw new Error('not a V2 HdrHistogram');
    const payload = raw.readInt32BE(4);
    const layout = layoutOf(raw.readInt32BE(12), Number(raw.readBigInt64BE(16)));
    if (this.layout === undefined) this.layout = layout;
    else if (this.layout.digits !== layout.digits || this.layout.unitMagnitude !== layout.unitMagnitude)
      throw new Error('histograms of different precision cannot be merged');
    let pos = HEADER_BYTES;
    const end = HEADER_BYTES + payload;
    let index = 0;
    while (pos < end) {
      // LEB128-64b9B: 7 bits a byte for 8 bytes, the 9th carries 8
      let value = 0;
      let scale = 1;
      for (let i = 0; i < 9; i++) {
        const b = raw[pos++]!;
        if (i === 8) {
          value += b * scale;
          break;
        }
        value += (b & 0x7f) * scale;
        scale *= 128;
        if ((b & 0x80) === 0) break;
      }
      const n = value % 2 === 0 ? value / 2 : -(value + 1) / 2;
      if (n < 0) index += -n;
      else {
        if (n > 0) this.addAt(index, n);
        index += 1;
      }
    }
    return this;
  }

  /** Adds every count of `other`. */
  merge(other: CountsHistogram): this {
    if (other.layout === undefined) return this;
    this.layout ??= other.layout;
    for (const i of other.touched) this.addAt(i, other.counts[i]!);
    return this;
  }

  reset(): void {
    for (const i of this.touched) this.counts[i] = 0;
    this.touched = [];
    this.sorted = true;
    this.count = 0;
  }

  /** Value at percentile `p` (0..100) in µs, as hdr-histogram-js computes it; 0 when empty. */
  percentile(p: number): number {
    if (this.count === 0 || this.layout === undefined) return 0;
    if (!this.sorted) {
      this.touched.sort((a, b) => a - b);
      this.sorted = true;
    }
    const fp = (Math.min(p, 100) / 100) * this.count;
    const target = Math.max(Math.ceil(fp - ulp(fp)), 1);
    let seen = 0;
    for (const i of this.touched) {
      seen += this.counts[i]!;
      if (seen >= target) return this.valueAt(i, p === 0);
    }
    return this.valueAt(this.touched.at(-1)!, p === 0);
  }

  /**
   * Several percentiles (ascending, 0..100) in one walk over the counts, in
   * µs: the same values as `percentile` one by one; zeros when empty.
   */
  percentiles(ps: readonly number[]): number[] {
    if (this.count === 0 || this.layout === undefined) return ps.map(() => 0);
    if (!this.sorted) {
      this.touched.sort((a, b) => a - b);
      this.sorted = true;
    }
    const targets = ps.map((p) => {
      const fp = (Math.min(p, 100) / 100) * this.count;
      return Math.max(Math.ceil(fp - ulp(fp)), 1);
    });
    const out: number[] = [];
    let k = 0;
    let seen = 0;
    for (const i of this.touched) {
      seen += this.counts[i]!;
      while (k < ps.length && seen >= targets[k]!) {
        out.push(this.valueAt(i, ps[k] === 0));
        k++;
      }
      if (k === ps.length) return out;
    }
    const last = this.touched.at(-1)!;
    while (out.length < ps.length) out.push(this.valueAt(last, ps[out.length] === 0));
    return out;
  }

  private addAt(index: number, n: number): void {
    if (index >= this.counts.length) {
      const grown = new Float64Array(Math.max(index + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    if (this.counts[index] === 0) {
      if (this.touched.length > 0 && index < this.touched.at(-1)!) this.sorted = false;
      this.touched.push(index);
    }
    this.counts[index]! += n;
    this.count += n;
  }

  /** Highest value equivalent to the bucket at `index` (lowest for percentile 0). */
  private valueAt(index: number, lowest: boolean): number {
    const { subBucketHalfCount, subBucketHalfCountMagnitude, unitMagnitude } = this.layout!;
    let bucket = (index >> subBucketHalfCountMagnitude) - 1;
    let sub = (index & (subBucketHalfCount - 1)) + subBucketHalfCount;
    if (bucket < 0) {
      sub -= subBucketHalfCount;
      bucket = 0;
    }
    const base = sub * 2 ** (bucket + unitMagnitude);
    return lowest ? base : base + 2 ** (bucket + unitMagnitude) - 1;
  }
}

function ulp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  return 2 ** (Math.floor(Math.log2(Math.abs(x))) - 52);
}
