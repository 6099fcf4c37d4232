/**
 * drop: packet loss as an application over TCP meets it. TCP never loses bytes
 * silently — a lost segment is retransmitted and everything behind it waits — so
 * with `probability` per chunk the chunk, and the stream behind it, is held for
 * `retransmit_ms` (default 200 ms, Linux's minimum RTO) and then delivered.
 * Bytes are never discarded; the damage is latency spikes and stalls, which is
 * what loss does to a TCP client. Not a Toxiproxy toxic.
 */
import { sleep } from '../sleep.ts';
import type { DropToxic } from '../types.ts';
import { nonNegative, probability, type ToxicDefinition } from './toxic-definition.ts';

const DEFAULT_RETRANSMIT_MS = 200;

export const drop: ToxicDefinition<DropToxic> = {
  validate: (t) => [
    ...probability('probability', t.probability),
    ...nonNegative('retransmit_ms', t.retransmit_ms, false),
  ],
  attach(t, ctx) {
    const retransmitMs = t.retransmit_ms ?? DEFAULT_RETRANSMIT_MS;
    return {
      async onChunk(chunk, _arrivedAt, next) {
        if (ctx.random() < t.probability) await sleep(retransmitMs, ctx.signal);
        await next(chunk);
      },
    };
  },
};
