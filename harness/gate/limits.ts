/**
 * Regression limits: how far a metric may move against the baseline before
 * the gate fails (and only when the move is also beyond noise — see gate.ts).
 *
 * Grammar, one limit per metric:
 *
 *   limit   = sign number unit
 *   sign    = "+" (may rise by at most)   | "-" (may fall by at most)
 *   unit    = "%"  relative to the baseline value
 *           | "ms" absolute, latencies only
 *           | "pp" percentage points, errorRate only
 *
 *   throughput: '-5%'      p50 / p95 / p99: '+10%' or '+20ms'      errorRate: '+0.5pp'
 *
 * As an object (`{ p95: '+10%', throughput: '-5%' }`) or as CLI text
 * (`p95=+10%,throughput=-5%`). Every problem is reported at once.
 */
import {
  type InputProblem,
  InvalidInputError,
  LIMIT_METRICS,
  type LimitMetric,
  type RegressionLimit,
} from '../../model/index.ts';

export { LIMIT_METRICS, type LimitMetric, type RegressionLimit };

/** Used by `gate` when a baseline is given without limits. */
export const DEFAULT_LIMITS: Readonly<Partial<Record<LimitMetric, string>>> = {
  throughput: '-5%',
  p95: '+10%',
  p99: '+15%',
  errorRate: '+0.5pp',
};

const LIMIT = /^\s*([+-])\s*(\d+(?:\.\d+)?)\s*(%|ms|pp)\s*$/;
const EXPECTED: Record<LimitMetric, string> = {
  throughput: '"-N%" (throughput may fall by at most N %)',
  p50: '"+N%" or "+Nms"',
  p95: '"+N%" or "+Nms"',
  p99: '"+N%" or "+Nms"',
  errorRate: '"+Npp" (percentage points)',
};

/** Parses limits; throws InvalidInputError listing every problem. */
export function parseLimits(
  input: Readonly<Record<string, unknown>> | string,
  source = 'limits',
): RegressionLimit[] {
  const entries = typeof input === 'string' ? splitText(input) : Object.entries(input);
  const problems: InputProblem[] = [];
  const limits: RegressionLimit[] = [];
  const seen = new Set<string>();
  for (const [key, raw] of entries) {
    if (!(LIMIT_METRICS as readonly string[]).includes(key)) {
      const near = LIMIT_METRICS.find((m) => m.toLowerCase() === key.toLowerCase().replace(/[-_]/g, ''));
      problems.push({
        path: key,
        message: `unknown metric "${key}"${near ? ` — did you mean "${near}"?` : ''}; expected one of ${LIMIT_METRICS.join(', ')}`,
      });
      continue;
    }
    const metric = key as LimitMetric;
    if (seen.has(metric)) {
      problems.push({ path: key, message: 'given twice' });
      continue;
    }
    seen.add(metric);
    const problem = checkOne(metric, raw);
    if (typeof problem === 'string') problems.push({ path: key, message: problem });
    else limits.push(problem);
  }
  if (entries.length === 0) problems.push({ path: '', message: 'no limits given, e.g. p95=+10%' });
  if (problems.length > 0)
    throw new InvalidInputError(
      source,
      problems,
      'limits look like p95=+10%,throughput=-5%,errorRate=+0.5pp',
    );
  return limits;
}

function checkOne(metric: LimitMetric, raw: unknown): RegressionLimit | string {
  if (typeof raw !== 'string')
    return `expected a string such as ${EXPECTED[metric]}, got ${JSON.stringify(raw)}`;
  const m = LIMIT.exec(raw);
  if (!m) return `cannot parse "${raw}" — expected ${EXPECTED[metric]}`;
  const [, sign, num, unit] = m as unknown as [string, '+' | '-', string, RegressionLimit['unit']];
  const value = Number(num);
  const latency = metric !== 'throughput' && metric !== 'errorRate';
  if (metric === 'throughput' && (sign !== '-' || unit !== '%'))
    return `"${raw}": throughput limits a fall in percent — expected ${EXPECTED.throughput}`;
  if (metric === 'errorRate' && (sign !== '+' || unit !== 'pp'))
    return `"${raw}": errorRate limits a rise in percentage points — expected ${EXPECTED.errorRate}`;
  if (latency && (sign !== '+' || unit === 'pp'))
    return `"${raw}": ${metric} limits a rise of latency — expected ${EXPECTED[metric]}`;
  return { metric, text: raw.replace(/\s+/g, ''), unit, amount: unit === 'ms' ? value : value / 100 };
}

function splitText(text: string): [string, string][] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const i = part.search(/[=:]/);
      return i < 0 ? [part, ''] : [part.slice(0, i).trim(), part.slice(i + 1).trim()];
    });
}

/**
 * Whether moving from `baseline` to `current` goes past the limit. A relative
 * limit over a zero baseline is exceeded by any move in its direction.
 */
export function exceedsLimit(limit: RegressionLimit, baseline: number, current: number): boolean {
  const delta = current - baseline;
  switch (limit.unit) {
    case 'ms':
    case 'pp':
      return delta > limit.amount + 1e-12;
    case '%': {
      if (baseline === 0) return limit.metric === 'throughput' ? false : current > 0;
      const rel = delta / baseline;
      return limit.metric === 'throughput' ? rel < -limit.amount - 1e-12 : rel > limit.amount + 1e-12;
    }
  }
}
