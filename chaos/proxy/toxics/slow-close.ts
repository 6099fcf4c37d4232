/**
 * slow_close: data flows normally; when the sender ends its stream, the FIN is
 * passed on `delay_ms` later — a peer that lingers before closing.
 */
import { sleep } from '../sleep.ts';
import type { SlowCloseToxic } from '../types.ts';
import { nonNegative, type ToxicDefinition } from './toxic-definition.ts';

export const slowClose: ToxicDefinition<SlowCloseToxic> = {
  validate: (t) => nonNegative('delay_ms', t.delay_ms),
  attach(t, ctx) {
    return {
      onChunk: (chunk, _arrivedAt, next) => next(chunk),
      async onEnd(next) {
        await sleep(t.delay_ms, ctx.signal);
        await next();
      },
    };
  },
};
