/**
 * bandwidth: at most `rate_kbps` KB/s (1 KB = 1000 bytes, Toxiproxy's unit).
 * Chunks are cut into 10 ms worth of bytes and each piece waits for its slot on
 * an absolute schedule that starts at the later of "previous piece done" and
 * "chunk read by the proxy". So a stream that kept the link busy loses no time
 * to late timers (a busy event loop), while a chunk after an idle spell still
 * pays its full transmission time — no burst credit is banked.
 * Rate 0 passes data unlimited, as in Toxiproxy.
 */
import { sleepUntil } from '../sleep.ts';
import type { BandwidthToxic } from '../types.ts';
import { nonNegative, type ToxicDefinition } from './toxic-definition.ts';

const SLICE_MS = 10;

export const bandwidth: ToxicDefinition<BandwidthToxic> = {
  validate: (t) => nonNegative('rate_kbps', t.rate_kbps),
  attach(t, ctx) {
    const bytesPerMs = t.rate_kbps; // 1 KB/s is exactly 1 byte/ms
    const sliceSize = Math.max(1, Math.floor(bytesPerMs * SLICE_MS));
    let slot = 0;
    return {
      async onChunk(chunk, arrivedAt, next) {
        if (bytesPerMs === 0) return next(chunk);
        slot = Math.max(slot, arrivedAt);
        for (let offset = 0; offset < chunk.length; offset += sliceSize) {
          const piece = chunk.subarray(offset, offset + sliceSize);
          slot += piece.length / bytesPerMs;
          await sleepUntil(slot, ctx.signal);
          await next(piece);
        }
      },
    };
  },
};
