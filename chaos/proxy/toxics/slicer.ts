/**
 * slicer: cuts each chunk into slices of `average_size` ± `size_variation`
 * bytes, written separately (the proxy sets TCP_NODELAY, so they leave as
 * separate segments) with `delay_us` between them. Exercises parsers that
 * assume a message arrives in one read. Timers have millisecond resolution, so a
 * sub-millisecond delay becomes about 1 ms.
 */
import { sleep } from '../sleep.ts';
import type { SlicerToxic } from '../types.ts';
import { nonNegative, type ToxicDefinition } from './toxic-definition.ts';

export const slicer: ToxicDefinition<SlicerToxic> = {
  validate(t) {
    const problems = [
      ...nonNegative('size_variation', t.size_variation, false),
      ...nonNegative('delay_us', t.delay_us, false),
    ];
    if (!(Number.isInteger(t.average_size) && t.average_size >= 1)) {
      problems.push(`average_size: expected an integer ≥ 1, got ${String(t.average_size)}`);
    } else if ((t.size_variation ?? 0) >= t.average_size) {
      problems.push('size_variation: must be smaller than average_size');
    }
    return problems;
  },
  attach(t, ctx) {
    const variation = t.size_variation ?? 0;
    const delayMs = (t.delay_us ?? 0) / 1000;
    return {
      async onChunk(chunk, _arrivedAt, next) {
        let offset = 0;
        while (offset < chunk.length) {
          const size = Math.max(1, Math.round(t.average_size + (ctx.random() * 2 - 1) * variation));
          await next(chunk.subarray(offset, offset + size));
          offset += size;
          if (offset < chunk.length && delayMs > 0) await sleep(delayMs, ctx.signal);
        }
      },
    };
  },
};
