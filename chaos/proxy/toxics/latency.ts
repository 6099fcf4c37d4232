/**
 * latency: every chunk is held until `latency_ms` (± uniform `jitter_ms`) after
 * the proxy read it. Counting from the read time, not from when the previous
 * chunk left, keeps a stream at its throughput instead of adding the delay
 * once per chunk; the link's one-at-a-time feeding keeps order under jitter.
 * The next toxic counts the chunk from its release, so two latencies on one
 * stream (a region's link and a latency fault) add up.
 */
import { sleepUntil } from '../sleep.ts';
import type { LatencyToxic } from '../types.ts';
import { nonNegative, type ToxicDefinition } from './toxic-definition.ts';

export const latency: ToxicDefinition<LatencyToxic> = {
  validate: (t) => [
    ...nonNegative('latency_ms', t.latency_ms),
    ...nonNegative('jitter_ms', t.jitter_ms, false),
  ],
  attach(t, ctx) {
    const jitter = t.jitter_ms ?? 0;
    return {
      async onChunk(chunk, arrivedAt, next) {
        const delay = jitter > 0 ? Math.max(0, t.latency_ms + (ctx.random() * 2 - 1) * jitter) : t.latency_ms;
        await sleepUntil(arrivedAt + delay, ctx.signal);
        await next(chunk, arrivedAt + delay);
      },
    };
  },
};
