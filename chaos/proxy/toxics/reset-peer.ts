/**
 * reset_peer: Toxiproxy's semantics — the first data (or end of stream) seen
 * after the toxic applies is dropped, and `timeout_ms` later both sides of the
 * connection get a TCP RST (`resetAndDestroy`, i.e. SO_LINGER 0): the client
 * sees ECONNRESET. Data in between is dropped too. An idle connection is not
 * reset until it is used, which is what a pool of idle connections meets.
 */
import type { ResetPeerToxic } from '../types.ts';
import { nonNegative, type ToxicDefinition } from './toxic-definition.ts';

export const resetPeer: ToxicDefinition<ResetPeerToxic> = {
  validate: (t) => nonNegative('timeout_ms', t.timeout_ms, false),
  attach(t, ctx) {
    let armed = false;
    const arm = () => {
      if (armed) return;
      armed = true;
      const timer = setTimeout(() => ctx.resetConnection(), t.timeout_ms ?? 0);
      ctx.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    };
    return { onChunk: arm, onEnd: arm };
  },
};
