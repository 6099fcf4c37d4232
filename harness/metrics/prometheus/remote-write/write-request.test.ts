import { describe, expect, it } from 'vitest';
import { encodeWriteRequest, snappyLiteral } from './write-request.ts';

describe('remote-write body', () => {
  it('encodes a WriteRequest field by field, labels sorted by name', () => {
    const bytes = encodeWriteRequest([
      { labels: { job: 'h', __name__: 'up' }, samples: [{ value: 1, timestampMs: 300 }] },
    ]);
    // TimeSeries (field 1) → Label __name__=up, Label job=h, Sample { double 1.0, int64 300 }.
    const label = (name: string, value: string) => [
      0x0a,
      2 + name.length + 2 + value.length,
      0x0a,
      name.length,
      ...Buffer.from(name),
      0x12,
      value.length,
      ...Buffer.from(value),
    ];
    const sample = [0x12, 12, 0x09, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x10, 0xac, 0x02];
    const ts = [...label('__name__', 'up'), ...label('job', 'h'), ...sample];
    expect([...bytes]).toEqual([0x0a, ts.length, ...ts]);
  });

  it('frames snappy literals: the length as a varint, then tagged literal runs', () => {
    expect([...snappyLiteral(Buffer.from('abc'))]).toEqual([3, 2 << 2, 97, 98, 99]);
    const hundred = Buffer.alloc(100, 1);
    expect([...snappyLiteral(hundred).subarray(0, 3)]).toEqual([100, 60 << 2, 99]);
    const big = Buffer.alloc(70_000, 7);
    const framed = snappyLiteral(big);
    // 70000 = 0xf0 0xa2 0x04 as a varint; a first run of 65536 bytes (tag 61: two length bytes).
    expect([...framed.subarray(0, 6)]).toEqual([0xf0, 0xa2, 0x04, 61 << 2, 0xff, 0xff]);
    expect(framed.length).toBe(3 + 3 + 65_536 + 3 + (70_000 - 65_536));
  });
});
