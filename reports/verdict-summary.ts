/**
 * The verdict between targets, in words: what won, by how much, and whether
 * that is beyond noise — the first thing report.html and summary.md say.
 * Rendered from the verdicts harness computed (harness/gate target-verdicts),
 * never recomputed here.
 *
 *   Profile steady — cached vs monolith: p95 −35.2 % (significant), p99
 *   −40.1 % (significant); no change in throughput, p50 and errors; CPU per
 *   1,000 requests −20.3 %.
 */
import type {
  CompareMetric,
  CostMetric,
  MetricComparison,
  TargetComparison,
  TargetVerdicts,
} from '../model/index.ts';
import { fmtMs, fmtPct, fmtRate } from './format.ts';

/** One metric's move, worded. */
export interface Phrase {
  metric: string;
  /** `−35.2 %`, `+0.40 pp`. */
  delta: string;
  /** `significant`, `within noise`, `real but small`, `not tested`. */
  judgement: string;
  tone: 'better' | 'worse' | 'unclear' | 'neutral';
  /** Reference → target values and the test, for a tooltip. */
  detail: string;
}

export interface VerdictSentence {
  /** `Profile steady` (and the schedule) when the run has more than one group. */
  where: string | null;
  target: string;
  reference: string;
  /** Metrics that moved (beyond the tolerance or significantly), headline first. */
  moved: Phrase[];
  /** Metrics without a change worth naming. */
  unchanged: string[];
  /** Cost deltas, e.g. `CPU per 1,000 requests −20.3 %`. */
  cost: string[];
}

export interface VerdictSummary {
  /** Per group, what won and whether beyond noise: `cached won on latency: p95 −35.2 % vs monolith, beyond noise.` */
  headlines: string[];
  sentences: VerdictSentence[];
  /** How significance was judged, in one sentence. */
  method: string;
  notes: string[];
  /** Per group: every metric of every target against the reference, for the table. */
  tables: VerdictTable[];
}

export interface VerdictTable {
  where: string;
  reference: string;
  columns: string[];
  rows: { target: string; cells: Phrase[] }[];
}

const LABEL: Record<CompareMetric, string> = {
  p95: 'p95',
  p99: 'p99',
  p50: 'p50',
  throughput: 'throughput',
  errorRate: 'errors',
};
/** The order metrics are named in: the latency a user feels first. */
const ORDER: readonly CompareMetric[] = ['p95', 'p99', 'p50', 'throughput', 'errorRate'];

const COST_LABEL: Record<CostMetric, string> = {
  cpuSecondsPer1kRequests: 'CPU per 1,000 requests',
  requestsPerCore: 'requests per core',
  peakRssBytes: 'peak memory',
};

export function verdictSummary(v: TargetVerdicts): VerdictSummary | null {
  if (v.comparisons.length === 0) return null;
  const groups = new Set(v.comparisons.map(whereOf));
  const several = groups.size > 1;
  const sentences = v.comparisons.map((c): VerdictSentence => {
    const phrases = ORDER.map((m) => phrase(c.metrics.find((x) => x.metric === m)!));
    return {
      where: several ? whereOf(c) : null,
      target: c.target,
      reference: c.reference,
      moved: phrases.filter((p) => p.tone !== 'neutral'),
      unchanged: phrases.filter((p) => p.tone === 'neutral').map((p) => p.metric),
      cost: c.cost.flatMap((x) =>
        x.deltaPct === null ? [] : [`${COST_LABEL[x.metric]} ${signedPct(x.deltaPct)}`],
      ),
    };
  });
  const tables: VerdictTable[] = [...groups].map((where) => {
    const mine = v.comparisons.filter((c) => whereOf(c) === where);
    return {
      where,
      reference: mine[0]!.reference,
      columns: ORDER.map((m) => LABEL[m]),
      rows: mine.map((c) => ({
        target: c.target,
        cells: ORDER.map((m) => phrase(c.metrics.find((x) => x.metric === m)!)),
      })),
    };
  });
  const headlines = [...groups].map((where) =>
    headline(
      v.comparisons.filter((c) => whereOf(c) === where),
      several ? where : null,
    ),
  );
  return { headlines, sentences, method: method(v), notes: v.notes, tables };
}

/** What won a group on latency (p95) and on throughput, and whether beyond noise. */
function headline(comparisons: readonly TargetComparison[], where: string | null): string {
  const reference = comparisons[0]!.reference;
  const p95 = (c: TargetComparison) => c.metrics.find((m) => m.metric === 'p95')!;
  const ranked = comparisons
    .filter((c) => p95(c).current !== null && p95(c).baseline !== null)
    .sort((a, b) => p95(a).current! - p95(b).current!);
  const best = ranked[0];
  const prefix = where ? `${where}: ` : '';
  let latency: string;
  if (best === undefined) latency = `no latency to compare against ${reference}`;
  else if (p95(best).current! >= p95(best).baseline!) {
    const worse = ranked.filter((c) => p95(c).verdict === 'worse');
    latency = `${reference} (the reference) had the lowest p95${
      worse.length === ranked.length
        ? ', every other target higher beyond noise'
        : worse.length === 0
          ? ', but not beyond noise'
          : `, beyond noise against ${worse.map((c) => c.target).join(', ')} only`
    }`;
  } else {
    const m = p95(best);
    const move = `p95 ${signedPct(m.deltaPct ?? 0)} vs ${reference}`;
    latency =
      m.verdict === 'better'
        ? `${best.target} won on latency: ${move}, beyond noise`
        : `${best.target} had the lowest p95 (${move}), but not beyond noise`;
  }
  const faster = comparisons.filter(
    (c) => c.metrics.find((m) => m.metric === 'throughput')!.verdict === 'better',
  );
  const slower = comparisons.filter(
    (c) => c.metrics.find((m) => m.metric === 'throughput')!.verdict === 'worse',
  );
  const tput = (c: TargetComparison) =>
    `${c.target} ${signedPct(c.metrics.find((m) => m.metric === 'throughput')!.deltaPct ?? 0)}`;
  const throughput = [
    ...(faster.length
      ? [`more throughput than ${reference}, beyond noise: ${faster.map(tput).join(', ')}`]
      : []),
    ...(slower.length ? [`less: ${slower.map(tput).join(', ')}`] : []),
  ];
  return `${prefix}${[latency, ...throughput].join('; ')}.`;
}

function whereOf(c: TargetComparison): string {
  return `Profile ${c.profile}${c.schedule ? ` (${c.schedule})` : ''}`;
}

function phrase(m: MetricComparison): Phrase {
  const delta =
    m.delta === null
      ? '–'
      : m.metric === 'errorRate'
        ? `${sign(m.delta)}${Math.abs(m.delta * 100).toFixed(2)} pp`
        : m.deltaPct === null
          ? `${sign(m.delta)}${value(m.metric, Math.abs(m.delta))}`
          : signedPct(m.deltaPct);
  const tested = m.pValue !== null;
  const judgement =
    m.verdict === 'better' || m.verdict === 'worse'
      ? 'significant'
      : m.verdict === 'inconclusive'
        ? tested
          ? 'within noise'
          : 'not tested'
        : tested && m.reason.startsWith('a real but small')
          ? 'real but small'
          : 'no change';
  const tone: Phrase['tone'] =
    m.verdict === 'better'
      ? 'better'
      : m.verdict === 'worse'
        ? 'worse'
        : m.verdict === 'inconclusive'
          ? 'unclear'
          : 'neutral';
  return {
    metric: LABEL[m.metric],
    delta,
    judgement,
    tone,
    detail: `${value(m.metric, m.baseline)} → ${value(m.metric, m.current)}: ${m.reason}`,
  };
}

function method(v: TargetVerdicts): string {
  const kinds = new Set(v.comparisons.map((c) => c.method));
  const { alpha, intervalAlpha, minTrials } = v.settings;
  const counts = new Set(
    v.comparisons.filter((c) => c.method === 'trials').map((c) => c.trials.join(' vs ')),
  );
  const trials = `Mann–Whitney over the per-trial figures (${counts.size === 1 ? `${[...counts][0]} trials, ` : ''}α = ${alpha})`;
  const seconds = `Mann–Whitney over the per-second figures (α = ${intervalAlpha}) — with fewer than ${minTrials} trials that is the noise within each run, not between runs (machine load, warm-up); run with \`trials: ${minTrials}\` for a between-run verdict`;
  const tol = v.settings.tolerances;
  const tolerance = `and a move must also exceed ±${pct(tol.latency)} latency, ±${pct(tol.throughput)} throughput or ±${(tol.errorRate * 100).toFixed(1)} pp errors`;
  if (kinds.size === 1 && kinds.has('trials')) return `Significant: ${trials}, ${tolerance}.`;
  if (kinds.size === 1) return `Significant: ${seconds}; ${tolerance}.`;
  return `Significant: ${trials} where both sides have ${minTrials}+ trials, else ${seconds}; ${tolerance}.`;
}

function value(metric: CompareMetric, v: number | null): string {
  if (metric === 'throughput') return `${fmtRate(v)} req/s`;
  if (metric === 'errorRate') return fmtPct(v);
  return `${fmtMs(v)} ms`;
}

function sign(n: number): string {
  return n > 0 ? '+' : n < 0 ? '−' : '±';
}

/** `+31.0 %`, `−35.2 %`. */
export function signedPct(fraction: number): string {
  return `${sign(fraction)}${Math.abs(fraction * 100).toFixed(1)} %`;
}

function pct(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(3))} %`;
}

/** The sentence as plain text (console, Markdown without emphasis). */
export function sentenceText(s: VerdictSentence, bold: (t: string) => string = (t) => t): string {
  const moved = s.moved.map((p) => `${p.metric} ${p.delta} (${p.judgement})`);
  const parts = [
    moved.length ? moved.join(', ') : 'no metric moved beyond its tolerance',
    ...(s.unchanged.length ? [`no change in ${list(s.unchanged)}`] : []),
  ];
  const cost = s.cost.length ? `; ${s.cost.join(', ')}` : '';
  return `${s.where ? `${s.where} — ` : ''}${bold(s.target)} vs ${s.reference}: ${parts.join('; ')}${cost}.`;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
