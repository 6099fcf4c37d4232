/**
 * The analysis of one cell (`CellResult.analysis`), spelled out: one sentence
 * that answers the question its profile exists for, and the tables behind it —
 * stress: a row per step and the breaking point; spike: baseline against the
 * worst of the spike and the recovery; endurance: slopes with their 95 % CI
 * and a drift/leak verdict per component; baseline/load: reference figures
 * and the SLO verdict. Every value is formatted here; the template lays out.
 */
import type {
  CellAnalysis,
  CellResult,
  EnduranceAnalysis,
  FailureMode,
  ReferenceAnalysis,
  SloVerdict,
  SpikeAnalysis,
  StressAnalysis,
  StressFailure,
  Trend,
  WindowFigures,
} from '../model/index.ts';
import { thresholdLabel } from './cell-label.ts';
import { fmtS } from './fault-impact-table.ts';
import { DASH, fmtInt, fmtMs, fmtPct, fmtRate, fmtThresholdActual } from './format.ts';

export interface AnalysisTable {
  caption: string;
  columns: string[];
  rows: { label: string; cells: { text: string; ok?: boolean }[]; highlight?: boolean }[];
}

export interface AnalysisView {
  cell: string;
  /** `stress`, `spike`, `endurance`, `baseline`, `load`. */
  kind: string;
  /** The answer, one sentence. */
  sentence: string;
  /** null: nothing to judge. */
  ok: boolean | null;
  /** Caveats: an incomplete staircase, an unevaluated SLO. */
  notes: string[];
  tables: AnalysisTable[];
}

const MODE_WORD: Record<FailureMode, string> = {
  latency: 'latency',
  errors: 'errors',
  throughput: 'throughput',
  dropped: 'dropped iterations',
};

export function analysisViews(
  cells: readonly CellResult[],
  label: (c: CellResult) => string,
): AnalysisView[] {
  return cells.flatMap((c) => {
    const a = c.analysis;
    if (!a || typeof a !== 'object' || typeof (a as { kind?: unknown }).kind !== 'string') return [];
    const view = analysisView(a);
    return view ? [{ cell: label(c), ...view }] : [];
  });
}

export function analysisView(a: CellAnalysis): Omit<AnalysisView, 'cell'> | null {
  switch (a.kind) {
    case 'stress':
      return stressView(a);
    case 'spike':
      return spikeView(a);
    case 'endurance':
      return enduranceView(a);
    case 'baseline':
    case 'load':
      return referenceView(a);
    default:
      return null;
  }
}

/** The answer of an analysis in one line (console, Markdown). */
export function analysisSentence(a: CellAnalysis): string | null {
  return analysisView(a)?.sentence ?? null;
}

// ------------------------------------------------------------ stress

const rate = (r: number | null) => `${r !== null && Number.isInteger(r) ? fmtInt(r) : fmtRate(r)}/s`;

export function stressSentence(a: StressAnalysis): string {
  const bp = a.breakingPoint;
  const f = a.failure;
  const last = a.steps.at(-1);
  if (f === null) {
    if (bp === null) return 'no step of the staircase ran to the end';
    if (last && bp.step === last.step)
      return `held every step, up to ${rate(bp.offeredRate)} (p95 ${fmtMs(bp.p95)} ms)`;
    return `held ${rate(bp.offeredRate)}; the run stopped before the next step`;
  }
  const held = bp === null ? `did not hold even the first step` : `held ${rate(bp.offeredRate)}`;
  return `${held}; at ${rate(f.offeredRate)} ${failureClause(f)} (${MODE_WORD[f.mode]})`;
}

function failureClause(f: StressFailure): string {
  switch (f.mode) {
    case 'latency': {
      const t = f.failedThresholds.find((x) => /p\((99)\)/.test(x.expression));
      return t && !f.failedThresholds.some((x) => /p\(95\)/.test(x.expression))
        ? `p99 rose to ${fmtMs(f.p99)} ms`
        : `p95 rose to ${fmtMs(f.p95)} ms`;
    }
    case 'errors':
      return `the error rate rose to ${fmtPct(f.errorRate)}`;
    case 'throughput':
      return `only ${rate(Math.round(f.achievedRate))} got through${f.achievedRatio === null ? '' : `, ${fmtPct(f.achievedRatio)} of offered`}`;
    case 'dropped':
      return `${fmtInt(f.droppedIterations)} iterations were dropped`;
  }
}

function stressView(a: StressAnalysis): Omit<AnalysisView, 'cell'> {
  const notes: string[] = [];
  if (!a.consistent)
    notes.push('A step below the breaking point failed too: the target flapped or the run was noisy.');
  if (!a.complete) notes.push('The cell stopped before the last step.');
  notes.push(
    `A step holds when every threshold passes (${a.criteria.thresholds}), at least ${fmtPct(a.criteria.throughputFloor)} of the offered rate gets through and no more than ${fmtPct(a.criteria.maxDroppedRatio)} of iterations are dropped.`,
  );
  return {
    kind: 'stress',
    sentence: stressSentence(a),
    ok: a.failure === null && a.breakingPoint !== null,
    notes,
    tables: [
      {
        caption: 'Steps',
        columns: [
          'offered/s',
          'achieved/s',
          'achieved',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'errors',
          'dropped',
          'verdict',
        ],
        rows: a.steps.map((s) => ({
          label: `step ${s.step}`,
          highlight: s.step === a.breakingPoint?.step || s.step === a.failure?.step,
          cells: [
            { text: fmtRate(s.offeredRate) },
            { text: fmtRate(s.achievedRate) },
            { text: fmtPct(s.achievedRatio) },
            { text: fmtMs(s.p50) },
            { text: fmtMs(s.p95) },
            { text: fmtMs(s.p99) },
            { text: fmtPct(s.errorRate) },
            { text: fmtInt(s.droppedIterations) },
            !s.ran
              ? { text: 'not reached' }
              : s.ok
                ? { text: s.step === a.breakingPoint?.step ? '✓ held — breaking point' : '✓ held', ok: true }
                : { text: `✗ ${s.modes.map((m) => MODE_WORD[m]).join(', ')}`, ok: false },
          ],
        })),
      },
    ],
  };
}

// ------------------------------------------------------------ spike

function spikeView(a: SpikeAnalysis): Omit<AnalysisView, 'cell'> {
  const r = a.recovery;
  const back = r.recovered
    ? `back within the band ${fmtS((r.recoveryMs ?? 0) / 1000)} after the spike`
    : 'not back within the band by the end';
  const sentence = `at ${rate(a.impact.offeredRate)} p95 went from ${fmtMs(a.baseline.p95)} to ${fmtMs(a.impact.maxP95)} ms and errors to ${fmtPct(a.impact.maxErrorRate)}; ${back}`;
  const i = a.impact;
  return {
    kind: 'spike',
    sentence,
    ok: r.recovered,
    notes: a.band
      ? [
          `Recovered: ${r.consecutive} consecutive intervals with p95 ≤ ${fmtMs(a.band.p95MaxMs)} ms and errors ≤ ${fmtPct(a.band.errorRateMax)}.`,
        ]
      : ['No baseline traffic: no recovery band.'],
    tables: [
      {
        caption: 'Baseline against the spike',
        columns: ['offered/s', 'achieved/s', 'p95 ms', 'p99 ms', 'errors', 'achieved (worst s)', 'dropped'],
        rows: [
          { label: 'baseline', cells: windowCells(a.baseline, null) },
          {
            label: 'spike (worst second)',
            highlight: true,
            cells: [
              { text: fmtRate(i.offeredRate) },
              { text: fmtRate(i.window.achievedRate) },
              { text: fmtMs(i.maxP95) },
              { text: fmtMs(i.maxP99) },
              { text: fmtPct(i.maxErrorRate) },
              { text: fmtPct(i.minAchievedRatio) },
              { text: fmtInt(i.droppedIterations) },
            ],
          },
          {
            label: 'after',
            cells: [
              { text: DASH },
              { text: DASH },
              { text: DASH },
              { text: fmtMs(r.maxP99After) },
              { text: DASH },
              { text: DASH },
              {
                text: r.recovered ? `recovered in ${fmtS((r.recoveryMs ?? 0) / 1000)}` : 'not recovered',
                ok: r.recovered,
              },
            ],
          },
        ],
      },
    ],
  };
}

function windowCells(w: WindowFigures, worst: number | null): { text: string }[] {
  return [
    { text: fmtRate(w.offeredRate) },
    { text: fmtRate(w.achievedRate) },
    { text: fmtMs(w.p95) },
    { text: fmtMs(w.p99) },
    { text: fmtPct(w.errorRate) },
    { text: fmtPct(worst ?? w.achievedRatio) },
    { text: fmtInt(w.droppedIterations) },
  ];
}

// ------------------------------------------------------------ endurance

const signed = (v: number, digits: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(digits)}`;
const ci = (t: Trend, digits: number) =>
  t.ciLow === null || t.ciHigh === null ? DASH : `[${signed(t.ciLow, digits)}, ${signed(t.ciHigh, digits)}]`;

function enduranceView(a: EnduranceAnalysis): Omit<AnalysisView, 'cell'> {
  const minutes = (a.window.endMs - a.window.startMs) / 60_000;
  const parts: string[] = [];
  parts.push(
    a.p95.drift
      ? `p95 drifted ${a.p95.changePct === null ? '' : `${signed(a.p95.changePct, 0)}% `}over ${fmtMinutes(minutes)}`
      : `p95 stable over ${fmtMinutes(minutes)}`,
  );
  parts.push(a.errorRate.drift ? `errors drifted ${signed(a.errorRate.changePp, 2)} pp` : 'errors stable');
  const leaks = a.memory.filter((m) => m.leak);
  parts.push(
    leaks.length === 0
      ? a.memory.length === 0
        ? 'no memory samples'
        : 'no memory leak'
      : `memory leaking in ${a.leakingComponents.join(', ')} (${leaks.map((m) => `${m.instance} ${signed(m.trend.slope, 1)} MB/min`).join(', ')})`,
  );
  const trendCells = (t: Trend, digits: number, unit: string, drift: boolean, change: string) => [
    { text: `${signed(t.slope, digits)} ${unit}` },
    { text: ci(t, digits) },
    { text: `${fmtNum(t.start)} → ${fmtNum(t.end)}` },
    { text: change },
    { text: drift ? '✗ drift' : t.significant ? 'significant, below the limit' : '✓ stable', ok: !drift },
  ];
  return {
    kind: 'endurance',
    sentence: parts.join('; '),
    ok: !a.p95.drift && !a.errorRate.drift && leaks.length === 0,
    notes: [
      `Least-squares slopes with 95 % confidence intervals, after ${fmtS(a.criteria.settleMs / 1000)} of settling. Drift: a significant rise of at least ${a.criteria.minDriftPct}% (p95) or ${a.criteria.minErrorDriftPp} pp (errors); leak: RSS growth of at least ${a.criteria.minGrowthPct}%.`,
    ],
    tables: [
      {
        caption: 'Latency and errors',
        columns: ['slope', '95 % CI', 'fitted start → end', 'change', 'verdict'],
        rows: [
          {
            label: 'p95 (ms/min)',
            highlight: a.p95.drift,
            cells: trendCells(
              a.p95,
              2,
              'ms/min',
              a.p95.drift,
              a.p95.changePct === null ? DASH : `${signed(a.p95.changePct, 1)}%`,
            ),
          },
          {
            label: 'error rate (pp/min)',
            highlight: a.errorRate.drift,
            cells: trendCells(
              a.errorRate,
              3,
              'pp/min',
              a.errorRate.drift,
              `${signed(a.errorRate.changePp, 2)} pp`,
            ),
          },
        ],
      },
      ...(a.memory.length
        ? [
            {
              caption: 'Memory (RSS) per instance',
              columns: ['component', 'first → last MB', 'slope', '95 % CI', 'growth', 'verdict'],
              rows: a.memory.map((m) => ({
                label: m.instance,
                highlight: m.leak,
                cells: [
                  { text: m.component },
                  { text: `${m.firstMB.toFixed(0)} → ${m.lastMB.toFixed(0)}` },
                  { text: `${signed(m.trend.slope, 2)} MB/min` },
                  { text: ci(m.trend, 2) },
                  {
                    text: `${signed(m.growthMB, 1)} MB${m.growthPct === null ? '' : ` (${signed(m.growthPct, 1)}%)`}`,
                  },
                  { text: m.leak ? '✗ leak' : '✓ flat', ok: !m.leak },
                ],
              })),
            },
          ]
        : []),
    ],
  };
}

function fmtNum(v: number): string {
  return Math.abs(v) >= 100 ? fmtInt(v) : String(Number(v.toPrecision(3)));
}

function fmtMinutes(m: number): string {
  return m >= 1 ? `${Number(m.toFixed(m < 10 ? 1 : 0))} min` : fmtS(m * 60);
}

// ------------------------------------------------------------ baseline, load

function sloSentence(slo: SloVerdict): string {
  if (!slo.evaluated) return 'no thresholds to judge it by';
  const failed = slo.results.filter((t) => !t.ok);
  if (failed.length === 0)
    return `SLO met (${slo.results.length} threshold${slo.results.length === 1 ? '' : 's'})`;
  return `SLO failed: ${failed.map((t) => `${thresholdLabel(t.metric, t.expression)} at ${fmtThresholdActual(t.metric, t.expression, t.actual)}`).join(', ')}`;
}

function referenceView(a: ReferenceAnalysis): Omit<AnalysisView, 'cell'> {
  const w = a.figures;
  const sentence = `${a.phase} phase: ${rate(w.achievedRate)} at p95 ${fmtMs(w.p95)} ms, p99 ${fmtMs(w.p99)} ms, errors ${fmtPct(w.errorRate)}; ${sloSentence(a.slo)}`;
  return {
    kind: a.kind,
    sentence,
    ok: a.slo.evaluated ? a.slo.ok : null,
    notes: [],
    tables: [
      {
        caption: `Reference figures (${a.phase} phase, ${fmtS((w.endMs - w.startMs) / 1000)})`,
        columns: ['offered/s', 'achieved/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'dropped', 'SLO'],
        rows: [
          {
            label: a.phase,
            cells: [
              { text: fmtRate(w.offeredRate) },
              { text: fmtRate(w.achievedRate) },
              { text: fmtMs(w.p50) },
              { text: fmtMs(w.p95) },
              { text: fmtMs(w.p99) },
              { text: fmtPct(w.errorRate) },
              { text: fmtInt(w.droppedIterations) },
              a.slo.evaluated ? { text: a.slo.ok ? '✓ met' : '✗ failed', ok: a.slo.ok } : { text: DASH },
            ],
          },
        ],
      },
      ...(a.slo.results.length
        ? [
            {
              caption: 'SLO',
              columns: ['value', 'verdict'],
              rows: a.slo.results.map((t) => ({
                label: `${t.metric} ${t.expression}`,
                cells: [
                  { text: fmtThresholdActual(t.metric, t.expression, t.actual) },
                  { text: t.ok ? '✓' : '✗', ok: t.ok },
                ],
              })),
            },
          ]
        : []),
    ],
  };
}
