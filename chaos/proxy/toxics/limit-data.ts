/**
 * limit_data: passes the first `bytes` bytes of this stream (counted from when
 * the toxic started applying to the connection) and then closes the connection.
 */
import type { LimitDataToxic } from '../types.ts';
import { nonNegative, type ToxicDefinition } from './toxic-definition.ts';

export const limitData: ToxicDefinition<LimitDataToxic> = {
  validate: (t) => nonNegative('bytes', t.bytes),
  attach(t, ctx) {
    let passed = 0;
    return {
      async onChunk(chunk, _arrivedAt, next) {
        const remaining = t.bytes - passed;
        if (remaining > 0) {
          const piece = remaining < chunk.length ? chunk.subarray(0, remaining) : chunk;
          passed += piece.length;
          await next(piece);
        }
        if (passed >= t.bytes) ctx.closeConnection();
      },
    };
  },
};
