/**
 * `harness load` for the benchmarks, with the engine options the CLI does not
 * expose yet: `--workers N` (worker threads) and the open model's scheduling
 * lag in the summary export (`metrics.http_req_schedule_lag`, a k6 trend in
 * ms). Same flag parsing, plan (`planLoad`), engine, summary and k6 export as
 * `harness load`; only the extras differ.
 *
 *   node bin/run-ts.js bench/engine-load.ts <url> (--vus N | --rate R) [-d 10s] [--workers N]
 *        [--summary-export file.json] [-q]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { engines, scheduleLagStats } from '../harness/engine/index.ts';
import { buildK6Summary } from '../harness/k6/index.ts';
import { planLoad } from '../harness/run/index.ts';
import type { IntervalSample } from '../model/index.ts';
import { parseDuration, summarizeCell } from '../model/index.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    vus: { type: 'string' },
    rate: { type: 'string' },
    duration: { type: 'string', short: 'd', default: '10s' },
    workers: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '10s' },
    client: { type: 'string', default: 'lean' },
    'summary-export': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  },
});
const plan = planLoad({
  url: positionals[0] ?? '',
  duration: values.duration,
  method: 'GET',
  headers: [],
  timeout: values.timeout,
  thresholds: [],
  ...(values.vus !== undefined ? { vus: Number(values.vus) } : {}),
  ...(values.rate !== undefined ? { rate: Number(values.rate) } : {}),
});
const intervals: IntervalSample[] = [];
const ac = new AbortController();
process.once('SIGINT', () => ac.abort());
process.once('SIGTERM', () => ac.abort());
const run = await engines.http({ client: values.client === 'undici' ? 'undici' : 'lean' }).run({
  scenarios: [{ executor: plan.executor, workload: plan.workload }],
  dataset: { items: 1 },
  baseUrl: plan.baseUrl,
  http: { timeoutMs: parseDuration(values.timeout) },
  signal: ac.signal,
  workers: Number(values.workers),
  sink: { onInterval: (s) => intervals.push(s) },
});
const summary = summarizeCell(intervals);
const lag = scheduleLagStats(intervals);
// k6's handleSummary layout; it carries http_req_schedule_lag for an open-model run.
const data = buildK6Summary([{ intervals }]);
// The generator's CPU over the run itself (start-up excluded), seconds: for CPU per request in benchmarks.
const cpuSeconds = intervals.reduce((t, s) => t + ((s.generator?.cpuCores ?? 0) * s.durationMs) / 1000, 0);
data.metrics.generator_cpu_seconds = {
  type: 'gauge',
  contains: 'default',
  values: { value: cpuSeconds, min: cpuSeconds, max: cpuSeconds },
};
if (values['summary-export']) writeFileSync(values['summary-export'], `${JSON.stringify(data, null, 2)}\n`);
if (!values.quiet) {
  console.log(
    `${run.model} model: ${summary.requests} requests, ${summary.rate.toFixed(0)}/s, p99 ${summary.duration.p99.toFixed(2)} ms` +
      (lag ? `, schedule lag p99 ${lag.p99.toFixed(3)} ms` : '') +
      (run.generatorBound ? `\n⚠ ${run.generatorNotes.join('; ')}` : ''),
  );
}
