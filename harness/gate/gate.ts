/**
 * The CI gate: the stored threshold verdicts of a run and, with a baseline,
 * regression limits — a regression only when the limit is exceeded AND the
 * comparison says `worse` (beyond noise). Returns data; only the CLI exits.
 *
 * Exit code, first that applies: the run did not complete → the run's own
 * code (5 target failed, 130 aborted; else 3) · a threshold failed → 3 ·
 * a metric regressed → 4 · otherwise 0.
 */

import type {
  CellResult,
  CompareMetric,
  CompareOptions,
  GateCheck,
  GateOutcome,
  GateSuite,
  GroupComparison,
  RunResults,
} from '../../model/index.ts';
import { COMPARE_METRICS, ExitCode, type ExitCodeValue } from '../../model/index.ts';
import { fmtDelta, fmtMetric, fmtNumber } from '../../reports/index.ts';
import { compareRuns } from './compare.ts';
import { DEFAULT_LIMITS, exceedsLimit, parseLimits, type RegressionLimit } from './limits.ts';
import { cellValue, median } from './metric-samples.ts';
import { fmtP } from './verdict.ts';

export interface GateOptions {
  /** The stored run to compare against (e.g. the main branch's last results). */
  baseline?: RunResults;
  /** Regression limits; with a baseline and no limits, DEFAULT_LIMITS apply. */
  limits?: readonly RegressionLimit[] | Readonly<Record<string, string>> | string;
  compare?: CompareOptions;
}

export function gate(results: RunResults, opts: GateOptions = {}): GateOutcome {
  const limits = resolveLimits(opts);
  const notes: string[] = [];
  const comparison = opts.baseline ? compareRuns(opts.baseline, results, opts.compare) : undefined;
  if (!opts.baseline && opts.limits !== undefined)
    notes.push('regression limits were given without a baseline: only thresholds were checked');

  const trials = Math.max(1, ...results.cells.map((c) => c.trial));
  const suites = new Map<string, GateSuite>();
  const suiteOf = (c: CellResult): GateSuite => {
    const key = `${c.target}\u0000${c.profile}`;
    let s = suites.get(key);
    if (!s) {
      s = { target: c.target, profile: c.profile, checks: [], figures: emptyFigures() };
      suites.set(key, s);
    }
    return s;
  };

  for (const cell of results.cells) {
    const suite = suiteOf(cell);
    const trial = trials > 1 ? { trial: cell.trial } : {};
    if (cell.status !== 'completed') {
      suite.checks.push({
        kind: 'run',
        name: `cell completed${trials > 1 ? ` #${cell.trial}` : ''}`,
        ok: false,
        actual: cell.status,
        expected: 'completed',
        message: `${cell.target} / ${cell.profile} ${cell.status}${cell.error ? `: ${cell.error.code} ${cell.error.message}` : ''}`,
        ...trial,
      });
    }
    for (const t of cell.thresholds ?? []) {
      const actual = t.actual === null ? 'no samples' : fmtNumber(t.actual);
      suite.checks.push({
        kind: 'threshold',
        name: `${t.metric} ${t.expression}${trials > 1 ? ` #${cell.trial}` : ''}`,
        ok: t.ok,
        actual,
        expected: t.expression,
        message: t.ok
          ? `${t.metric} ${t.expression} passed (${actual})`
          : `${t.metric} ${t.expression} failed: actual ${actual}${t.abortedRun ? ' — aborted the run' : ''}`,
        ...(t.actual === null ? { warning: 'the metric had no samples (k6 passes it)' } : {}),
        ...trial,
      });
    }
  }
  for (const suite of suites.values()) {
    const cells = results.cells.filter((c) => c.target === suite.target && c.profile === suite.profile);
    for (const m of COMPARE_METRICS)
      suite.figures[m] = median(cells.map((c) => cellValue(c, m)).filter((v): v is number => v !== null));
  }
  for (const group of comparison?.groups ?? []) {
    const suite = suites.get(`${group.target}\u0000${group.profile}`)!;
    suite.comparison = group;
    for (const limit of limits) suite.checks.push(regressionCheck(limit, group));
  }
  if (comparison) {
    for (const k of comparison.onlyInCurrent) notes.push(`${k}: not in the baseline, not compared`);
    for (const k of comparison.onlyInBaseline) notes.push(`${k}: in the baseline only, not compared`);
    notes.push(...comparison.warnings);
  }

  const runChecks: GateCheck[] = [];
  if (results.status !== 'completed')
    runChecks.push({
      kind: 'run',
      name: 'run completed',
      ok: false,
      actual: results.status,
      expected: 'completed',
      message: `the run is ${results.status}${results.verdict?.reason ? `: ${results.verdict.reason}` : ''} — a gate cannot pass on a partial run`,
    });

  const all = [...runChecks, ...[...suites.values()].flatMap((s) => s.checks)];
  const count = (kind: GateCheck['kind']) => ({
    passed: all.filter((c) => c.kind === kind && c.ok).length,
    failed: all.filter((c) => c.kind === kind && !c.ok).length,
  });
  const counts = { thresholds: count('threshold'), regressions: count('regression') };
  const runFailed = all.filter((c) => c.kind === 'run' && !c.ok);
  const { exitCode, reason } = verdict(results, runFailed.length, counts, all);
  return {
    ok: exitCode === ExitCode.ok,
    exitCode,
    reason,
    runId: results.runId,
    scenario: results.scenario.name,
    status: results.status,
    startedAt: results.startedAt,
    ...(results.endedAt !== undefined ? { endedAt: results.endedAt } : {}),
    hostname: results.environment.hostname,
    suites: [...suites.values()],
    runChecks,
    counts,
    limits: [...limits],
    ...(comparison ? { comparison } : {}),
    notes,
  };
}

function resolveLimits(opts: GateOptions): readonly RegressionLimit[] {
  if (!opts.baseline) return [];
  const l = opts.limits ?? DEFAULT_LIMITS;
  if (Array.isArray(l)) return l as RegressionLimit[];
  return parseLimits(l as Record<string, string> | string);
}

function regressionCheck(limit: RegressionLimit, group: GroupComparison): GateCheck {
  const m = group.metrics.find((x) => x.metric === limit.metric)!;
  const name = `${limit.metric} ${limit.text}`;
  const expected = `${limit.metric} ${describeLimit(limit)}`;
  if (m.baseline === null || m.current === null) {
    return {
      kind: 'regression',
      name,
      ok: true,
      actual: 'no data',
      expected,
      message: `${limit.metric}: ${m.reason}, not checked`,
      warning: m.reason,
    };
  }
  const actual = `${fmtMetric(limit.metric, m.baseline)} → ${fmtMetric(limit.metric, m.current)} (${fmtDelta(limit.metric, m.delta!, m.deltaPct)})`;
  const exceeded = exceedsLimit(limit, m.baseline, m.current);
  const p = m.pValue === null ? '' : `, p=${fmtP(m.pValue)}`;
  if (exceeded && m.verdict === 'worse')
    return {
      kind: 'regression',
      name,
      ok: false,
      actual,
      expected,
      message: `${limit.metric} regressed: ${actual}, limit ${limit.text}; ${m.reason}`,
    };
  if (exceeded)
    return {
      kind: 'regression',
      name,
      ok: true,
      actual,
      expected,
      message: `${limit.metric} exceeded ${limit.text} but the verdict is ${m.verdict} (${m.reason})`,
      warning: `limit exceeded within noise (${m.verdict}${p})`,
    };
  return {
    kind: 'regression',
    name,
    ok: true,
    actual,
    expected,
    message: `${limit.metric} within ${limit.text}: ${actual}; ${m.verdict}`,
  };
}

function verdict(
  results: RunResults,
  runFailures: number,
  counts: GateOutcome['counts'],
  all: GateCheck[],
): { exitCode: ExitCodeValue; reason: string } {
  if (runFailures > 0) {
    const code = results.verdict?.exitCode;
    const exitCode =
      code === ExitCode.aborted || code === ExitCode.targetFailed ? code : ExitCode.thresholdsFailed;
    return {
      exitCode,
      reason: `the run did not complete (${all.find((c) => c.kind === 'run' && !c.ok)!.actual})`,
    };
  }
  if (counts.thresholds.failed > 0)
    return {
      exitCode: ExitCode.thresholdsFailed,
      reason: `${counts.thresholds.failed} threshold${counts.thresholds.failed === 1 ? '' : 's'} failed`,
    };
  if (counts.regressions.failed > 0)
    return {
      exitCode: ExitCode.regression,
      reason: `${counts.regressions.failed} metric${counts.regressions.failed === 1 ? '' : 's'} regressed beyond limit and noise`,
    };
  return { exitCode: ExitCode.ok, reason: 'passed' };
}

function describeLimit(l: RegressionLimit): string {
  if (l.metric === 'throughput') return `falls by at most ${Number((l.amount * 100).toPrecision(4))} %`;
  if (l.unit === 'pp') return `rises by at most ${Number((l.amount * 100).toPrecision(4))} pp`;
  if (l.unit === 'ms') return `rises by at most ${l.amount} ms`;
  return `rises by at most ${Number((l.amount * 100).toPrecision(4))} %`;
}

function emptyFigures(): Record<CompareMetric, number | null> {
  return { throughput: null, p50: null, p95: null, p99: null, errorRate: null };
}
