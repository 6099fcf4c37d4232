import { describe, expect, it } from 'vitest';
import { type FaultInput, FaultSpec, type ToxicFault } from '../../model/index.ts';
import { toxicsOf } from './network.ts';

const toxic = (f: FaultInput) => toxicsOf(FaultSpec.parse(f) as ToxicFault, 'f1');

describe('toxicsOf', () => {
  it('splits a round-trip latency over both directions, one toxic each', () => {
    expect(toxic({ kind: 'latency', at: '0', edge: 'a->b', latency: '50ms', jitter: '10ms' })).toEqual([
      { name: 'f1-upstream', stream: 'upstream', type: 'latency', latency_ms: 25, jitter_ms: 5 },
      { name: 'f1-downstream', stream: 'downstream', type: 'latency', latency_ms: 25, jitter_ms: 5 },
    ]);
    expect(
      toxic({ kind: 'latency', at: '0', edge: 'a->b', latency: '50ms', direction: 'downstream' }),
    ).toEqual([{ name: 'f1-downstream', stream: 'downstream', type: 'latency', latency_ms: 50 }]);
  });

  it('maps every toxic kind to its Toxiproxy fields, toxicity included', () => {
    const up = { at: '0', edge: 'a->b', direction: 'upstream' } as const;
    expect(
      [
        { kind: 'bandwidth', rateKbps: 100, toxicity: 0.5 },
        { kind: 'timeout', timeout: '2s' },
        { kind: 'reset', after: '100ms' },
        { kind: 'reset' },
        { kind: 'slicer', averageSize: 10, sizeVariation: 2, delayUs: 50 },
        { kind: 'limit-data', bytes: 1000 },
        { kind: 'slow-close', delay: '1s' },
        { kind: 'drop', probability: 0.1 },
      ].map((f) => {
        const { name: _n, stream: _s, ...rest } = toxic({ ...up, ...f } as FaultInput)[0]!;
        return rest;
      }),
    ).toEqual([
      { type: 'bandwidth', rate_kbps: 100, toxicity: 0.5 },
      { type: 'timeout', timeout_ms: 2000 },
      { type: 'reset_peer', timeout_ms: 100 },
      { type: 'reset_peer', timeout_ms: 0 },
      { type: 'slicer', average_size: 10, size_variation: 2, delay_us: 50 },
      { type: 'limit_data', bytes: 1000 },
      { type: 'slow_close', delay_ms: 1000 },
      { type: 'drop', probability: 0.1 },
    ]);
  });
});
