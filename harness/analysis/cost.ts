/**
 * What a cell's load cost the target: CPU-seconds per 1,000 requests, memory
 * per 1,000 req/s, requests per core (at the SLO when it held) — from the
 * resource sampler's per-instance samples over the load window, as a pure
 * function of the cell's data.
 *
 * A sample's `cpuCores` is the mean CPU since the instance's previous sample,
 * so sample i covers (tᵢ₋₁, tᵢ]; the first one, and one after a gap (a
 * killed instance), covers one sampling period before it. CPU-seconds are
 * the cores × the part of that span inside the load window; memory is
 * weighted the same way. Peaks are over the sampler's ticks: samples of
 * different instances less than half a period apart are one tick.
 */
import type {
  CellCost,
  ComponentCost,
  ComponentResources,
  IntervalSample,
  ResourceSample,
  RunResults,
  ThresholdResult,
} from '../../model/index.ts';
import { componentOf } from './memory-drift.ts';

export interface CostInput {
  intervals: readonly IntervalSample[];
  resources?: ComponentResources | undefined;
  /** The cell's threshold verdicts (the SLO), if the scenario had thresholds. */
  thresholds?: readonly ThresholdResult[] | undefined;
}

interface Span {
  instance: string;
  ts: number;
  /** ms of the span inside the window. */
  inside: number;
  cores: number;
  rss: number;
}

/** The cost of a cell's load; undefined without intervals or without resource samples in the window. */
export function cellCost(input: CostInput): CellCost | undefined {
  const { intervals } = input;
  if (intervals.length === 0 || input.resources === undefined) return undefined;
  const w0 = Math.min(...intervals.map((s) => s.ts));
  const w1 = Math.max(...intervals.map((s) => s.ts + s.durationMs));
  const windowMs = w1 - w0;
  if (windowMs <= 0) return undefined;
  const requests = intervals.reduce(
    (n, s) => n + Object.values(s.byRequest).reduce((m, r) => m + r.count, 0),
    0,
  );

  const spans: Span[] = [];
  let period = 1000;
  for (const [instance, samples] of Object.entries(input.resources)) {
    const own = spansOf(instance, samples, w0, w1);
    spans.push(...own.spans);
    period = own.period;
  }
  if (spans.length === 0) return undefined;

  const windowS = windowMs / 1000;
  const rate = requests / windowS;
  const all = totals(spans, windowMs, period);
  const components = new Map<string, Span[]>();
  for (const s of spans) {
    const c = componentOf(s.instance);
    components.set(c, [...(components.get(c) ?? []), s]);
  }
  const byComponent: Record<string, ComponentCost> = {};
  for (const [component, own] of [...components].sort(([a], [b]) => a.localeCompare(b))) {
    byComponent[component] = {
      instances: new Set(own.map((s) => s.instance)).size,
      ...totals(own, windowMs, period),
    };
  }
  const thresholds = input.thresholds ?? [];
  const sloMet = thresholds.length === 0 ? null : thresholds.every((t) => t.ok);
  const requestsPerCore = all.meanCores > 0 ? rate / all.meanCores : null;
  const perKRps = (bytes: number) => (rate > 0 ? (bytes / rate) * 1000 : null);
  return {
    windowS,
    requests,
    rate,
    cpuSeconds: all.cpuSeconds,
    cpuSecondsPer1kRequests: requests > 0 ? (all.cpuSeconds / requests) * 1000 : null,
    meanCores: all.meanCores,
    peakCores: all.peakCores,
    meanRssBytes: all.meanRssBytes,
    peakRssBytes: all.peakRssBytes,
    meanRssBytesPer1kRps: perKRps(all.meanRssBytes),
    peakRssBytesPer1kRps: perKRps(all.peakRssBytes),
    requestsPerCore,
    requestsPerCoreAtSlo: sloMet === true ? requestsPerCore : null,
    sloMet,
    byComponent,
  };
}

/** The samples of one instance as spans clipped to the window [w0, w1]. */
function spansOf(
  instance: string,
  samples: readonly ResourceSample[],
  w0: number,
  w1: number,
): { spans: Span[]; period: number } {
  const sorted = [...samples].sort((a, b) => a.ts - b.ts);
  const gaps = sorted.slice(1).map((s, i) => s.ts - sorted[i]!.ts);
  const period = median(gaps) ?? 1000;
  const spans: Span[] = [];
  sorted.forEach((s, i) => {
    const prev = sorted[i - 1];
    const start = prev === undefined || s.ts - prev.ts > 2 * period ? s.ts - period : prev.ts;
    const inside = Math.min(s.ts, w1) - Math.max(start, w0);
    if (inside <= 0) return;
    spans.push({ instance, ts: s.ts, inside, cores: s.cpuCores, rss: s.rssBytes });
  });
  return { spans, period };
}

function totals(spans: readonly Span[], windowMs: number, period: number): Omit<ComponentCost, 'instances'> {
  let cpuMs = 0;
  let rssMs = 0;
  for (const s of spans) {
    cpuMs += s.cores * s.inside;
    rssMs += s.rss * s.inside;
  }
  // Ticks: every instance's sample within half a period of the tick's first one.
  const ordered = [...spans].sort((a, b) => a.ts - b.ts);
  let peakCores = 0;
  let peakRss = 0;
  for (let i = 0; i < ordered.length; ) {
    const tick = new Map<string, Span>();
    let j = i;
    while (j < ordered.length && ordered[j]!.ts - ordered[i]!.ts < period / 2) {
      const s = ordered[j]!;
      const seen = tick.get(s.instance);
      if (seen === undefined || s.rss > seen.rss) tick.set(s.instance, s);
      j++;
    }
    let cores = 0;
    let rss = 0;
    for (const s of tick.values()) {
      cores += s.cores;
      rss += s.rss;
    }
    peakCores = Math.max(peakCores, cores);
    peakRss = Math.max(peakRss, rss);
    i = j;
  }
  return {
    cpuSeconds: cpuMs / 1000,
    meanCores: cpuMs / windowMs,
    peakCores,
    meanRssBytes: rssMs / windowMs,
    peakRssBytes: peakRss,
  };
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Fills `cost` on cells that lack it (results written before it existed),
 * in memory, so `harness report` shows it for older runs too. Returns `results`.
 */
export function fillMissingCost(results: RunResults): RunResults {
  for (const cell of results.cells) {
    if (cell.cost !== undefined) continue;
    const cost = cellCost(cell);
    if (cost !== undefined) cell.cost = cost;
  }
  return results;
}
