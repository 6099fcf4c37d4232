/**
 * The view model of the HTML report: everything the template shows, already
 * computed and formatted, so the template is layout only.
 */
import type { CellResult, IntegrityCheck, RunResults, TargetVerdicts } from '../model/index.ts';
import { executorsOf, formatDuration, isOpenExecutor } from '../model/index.ts';
import { type AnalysisView, analysisViews } from './analysis-view.ts';
import { capacityCharts, sloLatencyLines } from './capacity-charts.ts';
import { capacityAnalysisViews } from './capacity-steps.ts';
import { type CapacityTable, capacityTables } from './capacity-view.ts';
import { cellLabel, runAxes } from './cell-label.ts';
import { costMatrix } from './cost-table.ts';
import { describeExecutor } from './describe-executor.ts';
import { faultBands } from './fault-bands.ts';
import { type FaultImpactView, faultImpactView } from './fault-impact-table.ts';
import { fmtBytes, fmtInt, fmtTimestamp } from './format.ts';
import { ChartData, scriptJson } from './interactive/chart-data.ts';
import { generatorNotesOf, isGeneratorBound, vuPoolNotesOf } from './load-warnings.ts';
import { type ChartView, distributionChart, profileCharts } from './profile-charts.ts';
import {
  COMPARISON_COLUMNS,
  type ComparisonRow,
  comparisonRows,
  errorMatrix,
  type MatrixView,
  REQUEST_COLUMNS,
  type RequestRow,
  requestRows,
  thresholdMatrix,
} from './profile-tables.ts';
import { type ResourceView, resourceViews } from './resource-charts.ts';
import { type ScalingCurveView, scalingCurveViews } from './scaling-curve-view.ts';
import { type ScalingView, scalingView } from './scaling-view.ts';
import { stageMarkers } from './stage-markers.ts';
import { targetMetricsMatrix } from './target-metrics-table.ts';
import { type SpreadRow, trialSpread } from './trial-spread.ts';
import { type VerdictSummary, verdictSummary } from './verdict-summary.ts';

export interface Banner {
  level: 'error' | 'warn' | 'ok';
  title: string;
  lines: string[];
}

export interface ProfileView {
  name: string;
  executor: string;
  model: string;
  rows: ComparisonRow[];
  /** Interactive: throughput, latency, errors, VUs. */
  charts: ChartView[];
  /** Interactive: p50/p90/p99/max of each target. */
  latencyBands: ChartView[];
  /** Interactive: per request name (two or more names). */
  requestCharts: ChartView[];
  /** Request names left out of the per-request charts. */
  omittedRequests: number;
  /** HDR percentile plot, every trial merged per target. */
  distribution: ChartView;
  /** Min / median / max across trials; null with one trial. */
  spread: SpreadRow[] | null;
  /** Fault windows, as listed under the charts. */
  faults: { label: string; title: string }[];
  resources: ResourceView[];
  /** Replicas over time and what scaling bought; null without a scaled cell. */
  scaling: ScalingView | null;
  requests: RequestRow[];
  errors: MatrixView | null;
  thresholds: MatrixView | null;
  /** One row per applied fault of each cell, with its impact; null without faults. */
  impact: FaultImpactView | null;
  /** Cells with an analysis (the answer their preset exists for), capacity searches included. */
  analyses: AnalysisView[];
  /** A capacity profile: latency and achieved rate against the offered rate, knee and capacity marked. */
  capacityCharts: ChartView[];
  /** Counters from inside the targets (`targetMetrics`), summed over instances. */
  inside: MatrixView | null;
  /** What the load cost each target (`cells[].cost`); null without cost figures. */
  cost: MatrixView | null;
}

export interface IntegrityRow {
  cell: string;
  profile: string;
  ok: boolean;
  values: string[];
  examples: string;
}

export interface ReportView {
  scenario: { name: string; description?: string; file: string; hash: string };
  runId: string;
  status: string;
  meta: [string, string][];
  statusBanner: Banner | null;
  verdict: Banner | null;
  /** Each target against the reference, in words and as a table; null with one target or no verdicts passed in. */
  verdicts: VerdictSummary | null;
  /** Capacity at the SLO per target, per capacity profile (first screen). */
  capacity: CapacityTable[];
  /** Capacity against each swept parameter, with the USL fit. */
  scalingCurves: ScalingCurveView[];
  generatorBanner: Banner | null;
  /** Iterations dropped because every VU waited on the target: the target was slow (or maxVUs low). */
  slowTargetBanner: Banner | null;
  profiles: ProfileView[];
  columns: readonly (readonly [string, string])[];
  requestColumns: string[];
  integrity: IntegrityRow[];
  environment: [string, string][];
  generated: string;
  /** Tables and specs of the interactive charts, as JSON safe inside a script element. */
  chartJson: string;
  /** How many interactive charts the report has. */
  chartCount: number;
}

export function buildReportView(
  results: RunResults,
  now: number = Date.now(),
  verdicts?: TargetVerdicts,
): ReportView {
  const { targets, profiles } = runAxes(results);
  const trials = results.options.trials;
  const elapsed = results.endedAt ? formatDuration(results.endedAt - results.startedAt) : 'still running';
  const data = new ChartData();
  const capacity = capacityTables(results);
  const slo = sloLatencyLines(results.scenario.config);
  const view: Omit<ReportView, 'chartJson' | 'chartCount'> = {
    scenario: {
      name: results.scenario.name,
      ...(results.scenario.description ? { description: results.scenario.description } : {}),
      file: results.scenario.file,
      hash: results.scenario.hash,
    },
    runId: results.runId,
    status: results.status,
    meta: [
      ['run', results.runId],
      ['started', fmtTimestamp(results.startedAt)],
      ['took', elapsed],
      ['runtime', results.options.runtime],
      ['engine', results.environment.engine],
      [
        'cells',
        `${results.cells.length} (${plural(targets.length, 'target')} × ${plural(profiles.length, 'profile')} × ${plural(trials, 'trial')})`,
      ],
    ],
    statusBanner: statusBanner(results, trials),
    verdict: verdictBanner(results),
    verdicts: verdicts ? verdictSummary(verdicts) : null,
    capacity,
    scalingCurves: scalingCurveViews(results),
    generatorBanner: generatorBanner(results.cells, trials),
    slowTargetBanner: slowTargetBanner(results.cells, trials),
    profiles: profiles.map((name) => {
      const cells = results.cells.filter((c) => c.profile === name);
      const first = cells[0]!;
      const overlays = { bands: faultBands(cells, trials), markers: stageMarkers(first.executor) };
      const charts = profileCharts(name, cells, trials, targets, overlays, data);
      return {
        name,
        executor: first.capacity
          ? `capacity search: constant-arrival-rate steps from ${first.capacity.settings.startRate}/s, ${first.capacity.settings.stepDuration} each`
          : describeExecutor(first.executor),
        model: describeModel(first),
        rows: comparisonRows(cells, trials, targets),
        charts: charts.overTime,
        latencyBands: charts.bands,
        requestCharts: charts.requests,
        omittedRequests: charts.omittedRequests,
        distribution: distributionChart(name, cells, targets),
        spread: trialSpread(cells, targets),
        faults: overlays.bands.map((b) => ({ label: b.label, title: b.title })),
        resources: resourceViews(name, cells, targets, overlays, data),
        scaling: scalingView(name, cells, trials, targets, overlays, data),
        requests: requestRows(cells, trials),
        errors: errorMatrix(cells, trials),
        thresholds: thresholdMatrix(cells, trials),
        impact: faultImpactView(cells, trials, targets),
        analyses: [
          ...analysisViews(cells, (c) => cellLabel(c, trials)),
          ...capacityAnalysisViews(cells, (c) => cellLabel(c, trials)),
        ],
        capacityCharts: ((t) => (t ? capacityCharts(t, cells, slo) : []))(
          capacity.find((t) => t.profile === name),
        ),
        inside: targetMetricsMatrix(cells, trials),
        cost: costMatrix(cells, trials),
      };
    }),
    columns: COMPARISON_COLUMNS,
    requestColumns: REQUEST_COLUMNS,
    integrity: results.cells.flatMap((c): IntegrityRow[] => {
      const i = c.integrity;
      if (!i) return [];
      const ex = [
        // The architecture's own checks (half-done sagas, event-log order); their failures are in `lost`.
        ...(i.checks ?? []).map(
          (c) => `${c.name}: ${fmtInt(c.failed)} of ${fmtInt(c.checked)}${checkFigures(c)}`,
        ),
        ...i.examples.lost.map((id) => `lost ${id}`),
        ...i.examples.stale.map((id) => `stale ${id}`),
        ...i.examples.duplicated.map((id) => `duplicated ${id}`),
      ];
      return [
        {
          cell: cellLabel(c, trials),
          profile: c.profile,
          ok: i.lost + i.stale + i.duplicated === 0,
          values: [fmtInt(i.checked), fmtInt(i.lost), fmtInt(i.stale), fmtInt(i.duplicated)],
          examples: ex.join(', '),
        },
      ];
    }),
    environment: environment(results),
    generated: fmtTimestamp(now),
  };
  return {
    ...view,
    chartJson: scriptJson({ tables: data.tables, charts: data.charts }),
    chartCount: data.charts.length,
  };
}

function statusBanner(results: RunResults, trials: number): Banner | null {
  const unfinished = results.cells.filter((c) => c.status !== 'completed');
  const lines = unfinished.map(
    (c) =>
      `${cellLabel(c, trials)} / ${c.profile}: ${c.status}${c.error ? ` — ${c.error.code}: ${c.error.message}` : ''}`,
  );
  switch (results.status) {
    case 'completed':
      return lines.length ? { level: 'warn', title: 'Some cells did not complete', lines } : null;
    case 'running':
      return {
        level: 'error',
        title: 'Partial run — the run had not finished when these results were written',
        lines: ['Figures cover only what was recorded; the run may have crashed.', ...lines],
      };
    case 'aborted':
      return {
        level: 'error',
        title: 'Aborted run — results are incomplete',
        lines: [...(results.verdict?.reason ? [results.verdict.reason] : []), ...lines],
      };
    case 'failed':
      return {
        level: 'error',
        title: 'Failed run',
        lines: [...(results.verdict?.reason ? [results.verdict.reason] : []), ...lines],
      };
  }
}

function verdictBanner(results: RunResults): Banner | null {
  const all = results.cells.flatMap((c) => (c.thresholds ?? []).map((t) => ({ c, t })));
  if (all.length === 0) return null;
  const failed = all.filter(({ t }) => !t.ok);
  if (failed.length === 0) {
    return { level: 'ok', title: `All ${all.length} threshold checks passed`, lines: [] };
  }
  return {
    level: 'error',
    title: `${failed.length} of ${all.length} threshold checks failed`,
    lines: failed.map(({ c, t }) => `✗ ${c.target} / ${c.profile}: ${t.metric} ${t.expression}`),
  };
}

function generatorBanner(cells: CellResult[], trials: number): Banner | null {
  const bound = cells.filter(isGeneratorBound);
  if (bound.length === 0) return null;
  return {
    level: 'warn',
    title: `The load generator was the bottleneck in ${bound.length} cell${bound.length === 1 ? '' : 's'}`,
    lines: [
      ...bound.map(
        (c) =>
          `${cellLabel(c, trials)} / ${c.profile}: ${generatorNotesOf(c).join('; ') || 'generator saturated'}`,
      ),
      'These figures measure this machine’s load generator as much as the target: do not compare them as target capacity. Lower the rate or the VUs, or give the generator a core of its own.',
    ],
  };
}

function slowTargetBanner(cells: CellResult[], trials: number): Banner | null {
  const slow = cells.filter((c) => vuPoolNotesOf(c).length > 0);
  if (slow.length === 0) return null;
  return {
    level: 'warn',
    title: `The target was too slow for the arrival rate in ${slow.length} cell${slow.length === 1 ? '' : 's'}: iterations were dropped`,
    lines: slow.map((c) => `${cellLabel(c, trials)} / ${c.profile}: ${vuPoolNotesOf(c).join('; ')}`),
  };
}

function environment(results: RunResults): [string, string][] {
  const e = results.environment;
  const o = results.options;
  return [
    ['harness', e.harnessVersion],
    ['node', e.node],
    ['platform', `${e.platform}, kernel ${e.kernel}`],
    ['host', e.hostname],
    ['CPU', `${e.cpus} × ${e.cpuModel}`],
    ['memory', fmtBytes(e.memoryBytes)],
    ['runtime', e.runtime],
    ['engine', e.engine],
    ...Object.entries(e.serverVersions).map(([k, v]): [string, string] => [k, v]),
    ['scenario file', results.scenario.file],
    ['scenario hash', results.scenario.hash],
    ['duration scale', `× ${o.durationScale}`],
    ['trials', String(o.trials)],
    ...(o.targets?.length ? [['targets selected', o.targets.join(', ')] as [string, string]] : []),
    ['started', fmtTimestamp(results.startedAt)],
    ['ended', fmtTimestamp(results.endedAt)],
    ['schema', `v${results.schemaVersion}`],
  ];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What the latency of a profile's cells means: open, closed, or which scenario is which. */
function describeModel(cell: CellResult): string {
  if (cell.model === 'open')
    return 'open model — latency measured from the intended start (coordinated omission corrected)';
  if (cell.model === 'closed') return 'closed model — each VU waits for its response before the next request';
  const named = executorsOf(cell.executor);
  const of = (open: boolean) =>
    named
      .filter((n) => isOpenExecutor(n.executor) === open)
      .map((n) => n.name)
      .join(', ');
  return `mixed — open-model scenarios (${of(true)}: latency from the intended start) and closed-model scenarios (${of(false)}: each VU waits for its response) run at once`;
}

/** ` (committed 700, compensated 112)`: an integrity check's own figures. */
function checkFigures(check: IntegrityCheck): string {
  const figures = Object.entries(check.figures ?? {});
  return figures.length === 0 ? '' : ` (${figures.map(([k, v]) => `${k} ${fmtInt(v)}`).join(', ')})`;
}
