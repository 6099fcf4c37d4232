import type { ErrorClass, IntervalSample, RequestStats } from '../../../model/index.ts';
import { LatencyHistogram } from '../../../model/index.ts';

const mergeHistograms = (a: string | undefined, b: string | undefined): string | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return LatencyHistogram.decode(a).merge(LatencyHistogram.decode(b)).encode();
};

function mergeRequest(a: RequestStats, b: RequestStats): RequestStats {
  const errors: Partial<Record<ErrorClass, number>> = { ...a.errors };
  for (const [k, n] of Object.entries(b.errors))
    errors[k as ErrorClass] = (errors[k as ErrorClass] ?? 0) + (n ?? 0);
  const statuses: Record<string, number> = { ...a.statuses };
  for (const [k, n] of Object.entries(b.statuses)) statuses[k] = (statuses[k] ?? 0) + n;
  const out: RequestStats = {
    count: a.count + b.count,
    failed: a.failed + b.failed,
    errors,
    statuses,
    duration: mergeHistograms(a.duration, b.duration)!,
    bytesSent: a.bytesSent + b.bytesSent,
    bytesReceived: a.bytesReceived + b.bytesReceived,
  };
  const service = mergeHistograms(a.serviceTime, b.serviceTime);
  if (service !== undefined) out.serviceTime = service;
  return out;
}

/**
 * One sample from the samples of one interval taken by several worker
 * threads: counters and gauges summed, histograms merged exactly, the
 * generator's event-loop lag the worst of them (CPU is the caller's to set:
 * it is one process). `ts` is the first sample's; the duration the longest.
 */
export function mergeIntervalSamples(samples: readonly IntervalSample[]): IntervalSample {
  const [first, ...rest] = samples;
  if (first === undefined) throw new Error('nothing to merge');
  const out: IntervalSample = structuredClone(first);
  for (const s of rest) {
    out.durationMs = Math.max(out.durationMs, s.durationMs);
    for (const [name, r] of Object.entries(s.byRequest)) {
      const mine = out.byRequest[name];
      out.byRequest[name] = mine === undefined ? structuredClone(r) : mergeRequest(mine, r);
    }
    out.iterations += s.iterations;
    out.droppedIterations += s.droppedIterations;
    out.vus += s.vus;
    out.vusMax += s.vusMax;
    if (s.byScenario !== undefined) {
      out.byScenario ??= {};
      for (const [name, x] of Object.entries(s.byScenario)) {
        const mine = out.byScenario[name];
        if (mine === undefined) out.byScenario[name] = { ...x };
        else {
          mine.iterations += x.iterations;
          mine.droppedIterations += x.droppedIterations;
          mine.vus += x.vus;
          mine.vusMax += x.vusMax;
        }
      }
    }
    if (s.checks !== undefined) {
      out.checks ??= { passes: 0, fails: 0 };
      out.checks.passes += s.checks.passes;
      out.checks.fails += s.checks.fails;
    }
    if (s.failedIterations !== undefined)
      out.failedIterations = (out.failedIterations ?? 0) + s.failedIterations;
    const iterationDuration = mergeHistograms(out.iterationDuration, s.iterationDuration);
    if (iterationDuration !== undefined) out.iterationDuration = iterationDuration;
    const lag = mergeHistograms(out.scheduleLag, s.scheduleLag);
    if (lag !== undefined) out.scheduleLag = lag;
    if (s.generator !== undefined) {
      const g = out.generator;
      out.generator =
        g === undefined
          ? { ...s.generator }
          : {
              eventLoopLagP99Ms: Math.max(g.eventLoopLagP99Ms, s.generator.eventLoopLagP99Ms),
              eventLoopLagMaxMs: Math.max(g.eventLoopLagMaxMs, s.generator.eventLoopLagMaxMs),
              cpuCores: g.cpuCores,
            };
    }
  }
  return out;
}
