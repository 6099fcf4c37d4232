/** What comparisons and gates return: plain data that the report writers render. */
import type { ExitCodeValue } from '../errors.ts';
import type { CellResult } from './types.ts';

export type CompareMetric = 'throughput' | 'p50' | 'p95' | 'p99' | 'errorRate';

/** The figures comparisons and gates judge, in the order reports show them. */
export const COMPARE_METRICS: readonly CompareMetric[] = ['throughput', 'p50', 'p95', 'p99', 'errorRate'];
export type Verdict = 'better' | 'worse' | 'no-change' | 'inconclusive';

/** How far a move must go to matter, whatever the statistics say. */
export interface Tolerances {
  /** Relative, e.g. 0.05 = ±5 %. */
  throughput: number;
  /** Relative, for p50/p95/p99. */
  latency: number;
  /** Absolute fraction, e.g. 0.005 = ±0.5 percentage points. */
  errorRate: number;
}

export interface CompareOptions {
  /** One-sided significance level in the direction observed, per-trial samples (default 0.05). */
  alpha?: number;
  /**
   * The same for per-second samples (default 0.01): stricter, because
   * consecutive intervals are autocorrelated and the test overstates its confidence.
   */
  intervalAlpha?: number;
  tolerances?: Partial<Tolerances>;
}

export interface MetricComparison {
  metric: CompareMetric;
  /** Median over trials of each cell's figure (latencies in ms, throughput in req/s, error rate 0..1). */
  baseline: number | null;
  current: number | null;
  delta: number | null;
  /** delta / baseline; null when the baseline is 0 or missing. */
  deltaPct: number | null;
  verdict: Verdict;
  /** One-sided p-value of the test in the observed direction; null when there was no test. */
  pValue: number | null;
  /** Sample sizes of the test (trials or intervals). */
  samples: [number, number];
  /** One line: why this verdict. */
  reason: string;
}

export interface RunRef {
  runId: string;
  scenario: string;
  scenarioHash: string;
  startedAt: number;
  durationScale: number;
}

export interface GroupComparison {
  target: string;
  profile: string;
  /** `trials`: Mann–Whitney over per-trial figures (≥ 3 a side); `intervals`: over per-second figures. */
  method: 'trials' | 'intervals';
  baselineCells: CellResult[];
  currentCells: CellResult[];
  metrics: MetricComparison[];
}

export interface Comparison {
  baseline: RunRef;
  current: RunRef;
  groups: GroupComparison[];
  /** `target / profile` present on one side only. */
  onlyInBaseline: string[];
  onlyInCurrent: string[];
  /** Differences that make the comparison less meaningful (scenario, scale, machine). */
  warnings: string[];
  settings: { alpha: number; intervalAlpha: number; tolerances: Tolerances };
}

export type GateCheckKind = 'run' | 'threshold' | 'regression';

export interface GateCheck {
  kind: GateCheckKind;
  /** Test name: `http_req_duration p(95)<200`, `p95 ≤ +10%`. */
  name: string;
  ok: boolean;
  actual: string;
  expected: string;
  message: string;
  /** A pass that deserves a look (limit exceeded within noise, metric without data). */
  warning?: string;
  /** Trial number, for thresholds of runs with several trials. */
  trial?: number;
}

/** One target × profile: the JUnit testsuite and the Markdown row. */
export interface GateSuite {
  target: string;
  profile: string;
  checks: GateCheck[];
  comparison?: GroupComparison;
  /** Summary figures (median over trials) for the summary tables. */
  figures: Record<CompareMetric, number | null>;
}

export interface GateOutcome {
  ok: boolean;
  exitCode: ExitCodeValue;
  /** One line: `passed`, `2 thresholds failed`, `p95 regressed on monolith / load`. */
  reason: string;
  runId: string;
  scenario: string;
  status: string;
  startedAt: number;
  endedAt?: number;
  hostname: string;
  suites: GateSuite[];
  /** Checks that belong to no cell (the run's own status). */
  runChecks: GateCheck[];
  counts: { thresholds: Count; regressions: Count };
  limits: RegressionLimit[];
  comparison?: Comparison;
  notes: string[];
}

export interface Count {
  passed: number;
  failed: number;
}

export const LIMIT_METRICS = ['throughput', 'p50', 'p95', 'p99', 'errorRate'] as const;
export type LimitMetric = (typeof LIMIT_METRICS)[number];

export interface RegressionLimit {
  metric: LimitMetric;
  /** As written: `+10%`. */
  text: string;
  unit: '%' | 'ms' | 'pp';
  /** The allowed move, positive: a fraction for `%` and `pp`, milliseconds for `ms`. */
  amount: number;
}

// Verdicts between the targets of one run (harness/gate/target-verdicts.ts).

export type CostMetric = 'cpuSecondsPer1kRequests' | 'requestsPerCore' | 'peakRssBytes';
export const COST_METRICS: readonly CostMetric[] = [
  'cpuSecondsPer1kRequests',
  'requestsPerCore',
  'peakRssBytes',
];

export interface CostComparison {
  metric: CostMetric;
  /** Medians over trials; null when a side has no cost figure. */
  reference: number | null;
  target: number | null;
  /** (target − reference) / reference; null when either is missing or the reference is 0. */
  deltaPct: number | null;
}

export interface TargetComparison {
  profile: string;
  /** The fault schedule both sides ran under, if the scenario has schedules. */
  schedule?: string;
  /** Cell target names as in results (`monolith`, `monolith@none`). */
  reference: string;
  target: string;
  /** `trials`: per-trial figures (≥ 3 a side); `intervals`: per-second figures of one trial or two. */
  method: 'trials' | 'intervals';
  /** Completed trials a side. */
  trials: [reference: number, target: number];
  /** baseline = the reference, current = the target (see verdict.ts). */
  metrics: MetricComparison[];
  cost: CostComparison[];
}

export interface TargetVerdicts {
  /** The reference target's name (without `@schedule`). */
  reference: string;
  /** Where the reference came from. */
  source: 'scenario' | 'first-target' | 'option';
  comparisons: TargetComparison[];
  settings: { alpha: number; intervalAlpha: number; tolerances: Tolerances; minTrials: number };
  /** Groups where the reference did not run, and what was done instead. */
  notes: string[];
}
