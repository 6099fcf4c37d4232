/**
 * Builders of synthetic cells for the analysis tests: one interval per second
 * from a function of the second, through the real interval builders (real
 * histograms), plus a seeded noise source so "noisy" stays reproducible.
 */

import type { IntervalSample, ResourceSample } from '../../model/index.ts';
import { intervalSample, spread } from '../../test/helpers/intervals.ts';

export const T0 = 1_700_000_000_000;

export interface SecondSpec {
  /** Requests completed in this second (= iterations). */
  requests: number;
  /** Latencies are spread evenly over [fromMs, toMs]. */
  fromMs: number;
  toMs: number;
  failed?: number;
  dropped?: number;
}

/** `seconds` one-second intervals starting at T0; `spec(i)` describes second i. */
export function series(seconds: number, spec: (second: number) => SecondSpec): IntervalSample[] {
  return Array.from({ length: seconds }, (_, i) => {
    const s = spec(i);
    return intervalSample(
      T0 + i * 1000,
      {
        req: {
          latenciesMs: spread(s.requests, s.fromMs, s.toMs),
          failed: s.failed ?? 0,
          ...(s.failed
            ? { errors: { http_5xx: s.failed }, statuses: { '200': s.requests - s.failed, '500': s.failed } }
            : {}),
        },
      },
      { droppedIterations: s.dropped ?? 0 },
    );
  });
}

/** RSS samples every `everyMs` over `seconds`, in MB from `mbAt(minute)`. */
export function rssSeries(
  seconds: number,
  everyMs: number,
  mbAt: (minute: number) => number,
): ResourceSample[] {
  const out: ResourceSample[] = [];
  for (let t = 0; t < seconds * 1000; t += everyMs) {
    out.push({ ts: T0 + t, cpuCores: 0.2, rssBytes: Math.round(mbAt(t / 60_000) * 1024 * 1024) });
  }
  return out;
}

export { seeded } from '../../test/helpers/random.ts';
