/**
 * Prometheus remote-write 1.0's body: a `prometheus.WriteRequest` in protobuf,
 * snappy-compressed (block format). Written by hand — three messages, two
 * wire types — rather than through a protobuf runtime:
 *
 *   message WriteRequest { repeated TimeSeries timeseries = 1; }
 *   message TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
 *   message Label        { string name = 1; string value = 2; }
 *   message Sample       { double value = 1; int64 timestamp = 2; }  // ms since the epoch
 */

export interface TimeSeries {
  /** Must hold `__name__`; sorted by name when encoded, as the protocol requires. */
  labels: Record<string, string>;
  samples: { value: number; timestampMs: number }[];
}

/** The protobuf bytes of a WriteRequest. */
export function encodeWriteRequest(series: readonly TimeSeries[]): Buffer {
  const out = new Writer();
  for (const s of series) {
    const ts = new Writer();
    for (const name of Object.keys(s.labels).sort()) {
      const label = new Writer();
      label.string(1, name);
      label.string(2, s.labels[name]!);
      ts.message(1, label);
    }
    for (const sample of s.samples) {
      const m = new Writer();
      m.double(1, sample.value);
      m.int64(2, sample.timestampMs);
      ts.message(2, m);
    }
    out.message(1, ts);
  }
  return out.bytes();
}

/**
 * Snappy's block format with literals only: the length as a varint, then the
 * bytes in literal elements of at most 64 KiB. Valid snappy that every
 * decoder reads; it does not compress (on loopback, the bytes cost nothing).
 */
export function snappyLiteral(data: Buffer): Buffer {
  const parts: Buffer[] = [varint(data.length)];
  for (let at = 0; at < data.length; at += 65_536) {
    const chunk = data.subarray(at, Math.min(data.length, at + 65_536));
    const n = chunk.length - 1;
    if (n < 60) parts.push(Buffer.from([n << 2]));
    else if (n < 256) parts.push(Buffer.from([60 << 2, n]));
    else parts.push(Buffer.from([61 << 2, n & 0xff, n >> 8]));
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

class Writer {
  readonly #parts: Buffer[] = [];

  string(field: number, value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.#parts.push(varint((field << 3) | 2), varint(bytes.length), bytes);
  }

  message(field: number, m: Writer): void {
    const bytes = m.bytes();
    this.#parts.push(varint((field << 3) | 2), varint(bytes.length), bytes);
  }

  double(field: number, value: number): void {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(value);
    this.#parts.push(varint((field << 3) | 1), b);
  }

  int64(field: number, value: number): void {
    this.#parts.push(varint(field << 3), varint(value));
  }

  bytes(): Buffer {
    return Buffer.concat(this.#parts);
  }
}

/** Unsigned LEB128 of a non-negative integer up to 2^53. */
function varint(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`varint of ${value}`);
  const bytes: number[] = [];
  let v = value;
  while (v >= 0x80) {
    bytes.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}
