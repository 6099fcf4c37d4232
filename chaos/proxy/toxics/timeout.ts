/**
 * timeout: nothing gets through — data is dropped, as Toxiproxy does — and the
 * connection is closed `timeout_ms` after the toxic starts applying. With 0 the
 * connection stays open, silently eating data, until the toxic is removed: a
 * hung peer. Bytes dropped here are gone, so a protocol stream usually cannot
 * recover after removal; clients are expected to time out and reconnect.
 */
import type { TimeoutToxic } from '../types.ts';
import { nonNegative, type ToxicDefinition } from './toxic-definition.ts';

export const timeout: ToxicDefinition<TimeoutToxic> = {
  validate: (t) => nonNegative('timeout_ms', t.timeout_ms),
  attach(t, ctx) {
    if (t.timeout_ms > 0) {
      const timer = setTimeout(() => ctx.closeConnection(), t.timeout_ms);
      ctx.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    }
    return {
      onChunk() {
        // Dropped.
      },
      onEnd() {
        // The sender finished while nothing gets through: Toxiproxy closes the connection.
        ctx.closeConnection();
      },
    };
  },
};
