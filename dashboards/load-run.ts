/**
 * Dashboard (a), the load run: what harness's exporter measures during
 * `harness run --prometheus …` — throughput, errors, latency, VUs, dropped
 * iterations and the generator's own health — with fault windows and cells as
 * annotations. Metric names: harness/metrics/prometheus/harness-metrics.ts.
 */
import type { DashboardSpec } from './builder/dashboard.ts';
import { heatmap, q, row, stat, timeseries } from './builder/panels.ts';

const cell = 'target=~"$target", profile=~"$profile"';
const req = `${cell}, name=~"$name"`;
const rate = (metric: string, sel = req) => `rate(${metric}{${sel}}[$__rate_interval])`;
const quantile = (p: number, metric: string, by = 'target') =>
  `histogram_quantile(${p}, sum by (le, ${by}) (${rate(`${metric}_bucket`)}))`;
/**
 * Failed requests over all, by `by` (k6's way: responses not expected_response);
 * the failed series exists only once a request failed, so the ratio falls back to 0 × all.
 */
const errorRate = (by: string) => {
  const all = `sum by (${by}) (${rate('k6_http_reqs_total')})`;
  const failed = `sum by (${by}) (rate(k6_http_reqs_total{${req}, expected_response="false"}[$__rate_interval]))`;
  return `(${failed} or ${all} * 0) / ${all}`;
};

export const loadRunDashboard: DashboardSpec = {
  uid: 'harness-load-run',
  title: 'harness — load run',
  description:
    "The load generator during `harness run --prometheus-server`: k6's metric names (k6_…, as k6's Prometheus remote-write output writes them) and harness's own (harness_…). Fault windows are annotations.",
  tags: ['harness', 'load'],
  variables: [
    { name: 'target', label: 'Target', query: 'label_values(harness_cell_info, target)' },
    {
      name: 'profile',
      label: 'Profile',
      query: 'label_values(harness_cell_info{target=~"$target"}, profile)',
    },
    { name: 'name', label: 'Request', query: `label_values(k6_http_reqs_total{${cell}}, name)` },
  ],
  annotations: [
    {
      name: 'Faults',
      expr: `harness_fault_active{${cell}} == 1`,
      title: '{{kind}} {{edge}}{{fault_target}}',
      text: '{{fault}} on {{target}}',
      color: 'red',
    },
    {
      name: 'Cells',
      expr: `harness_cell_info{${cell}} == 1`,
      title: '{{target}} / {{profile}} #{{trial}}',
      text: '{{arch}}, {{model}} model, schedule {{schedule}}',
      color: 'blue',
    },
  ],
  items: [
    row('Now'),
    stat('Requests/s', [q(`sum(${rate('k6_http_reqs_total')})`)], { unit: 'reqps' }),
    stat('Error rate', [q(`sum(${errorRate('target')})`)], { unit: 'percentunit' }),
    stat('p99, last second', [q(`max(harness_http_req_duration_interval_p99_seconds{${req}})`)], {
      unit: 's',
      description: 'Exact (HDR) p99 of the slowest request name over the last 1 s interval.',
    }),
    stat('VUs', [q(`sum(k6_vus{${cell}})`)]),
    stat('Dropped iterations', [q(`sum(increase(k6_dropped_iterations_total{${cell}}[$__range]))`)], {
      description: 'Open-model iterations that found no free VU, over the dashboard time range.',
    }),
    stat('Running cell', [q(`harness_cell_info{${cell}} == 1`, '{{target}} / {{profile}} #{{trial}}')], {
      description: 'The target × profile × trial under load now.',
    }),

    row('Throughput and errors'),
    timeseries(
      'Throughput by request',
      [q(`sum by (target, name) (${rate('k6_http_reqs_total')})`, '{{target}} {{name}}')],
      {
        unit: 'reqps',
      },
    ),
    timeseries(
      'Responses by status',
      [q(`sum by (target, status) (${rate('k6_http_reqs_total')})`, '{{target}} {{status}}')],
      {
        unit: 'reqps',
        stack: true,
        description: 'Status 0: no response (timeout, refused, reset).',
      },
    ),
    timeseries('Error rate', [q(errorRate('target'), '{{target}}')], { unit: 'percentunit', min: 0 }),
    timeseries(
      'Errors by class',
      [q(`sum by (target, error) (${rate('harness_http_req_errors_total')})`, '{{target}} {{error}}')],
      {
        unit: 'reqps',
        stack: true,
        requires: { errors: true },
      },
    ),

    row('Latency'),
    timeseries(
      'Latency p50 / p95 / p99 (histogram)',
      [
        q(quantile(0.5, 'harness_http_req_duration_seconds'), '{{target}} p50'),
        q(quantile(0.95, 'harness_http_req_duration_seconds'), '{{target}} p95'),
        q(quantile(0.99, 'harness_http_req_duration_seconds'), '{{target}} p99'),
      ],
      {
        unit: 's',
        description:
          'From the Prometheus histogram: aggregates over request names and any window; interpolated within a bucket (buckets ~×1.5 apart). Open model: from the intended start (coordinated omission corrected).',
      },
    ),
    timeseries(
      'Exact p99 and max per second, by request',
      [
        q(`harness_http_req_duration_interval_p99_seconds{${req}}`, '{{target}} {{name}} p99'),
        q(`harness_http_req_duration_interval_max_seconds{${req}}`, '{{target}} {{name}} max'),
      ],
      { unit: 's', description: "Read from each second's HDR histogram: the figures report.html shows." },
    ),
    heatmap(
      'Latency distribution',
      q(`sum by (le) (increase(harness_http_req_duration_seconds_bucket{${req}}[$__rate_interval]))`),
      {
        unit: 's',
      },
    ),
    timeseries(
      'Service time vs. duration p99 (open model)',
      [
        q(quantile(0.99, 'harness_http_req_duration_seconds'), '{{target}} duration p99'),
        q(quantile(0.99, 'harness_http_req_service_time_seconds'), '{{target}} service time p99'),
      ],
      {
        unit: 's',
        description:
          'Duration counts from the intended start, service time from the actual send: the gap is queueing in the generator.',
        requires: { model: 'open' },
      },
    ),

    row('Load generator'),
    timeseries(
      'VUs',
      [
        q(`sum by (target) (k6_vus{${cell}})`, '{{target}} vus'),
        q(`sum by (target) (k6_vus_max{${cell}})`, '{{target}} vus_max'),
      ],
      { width: 8 },
    ),
    timeseries(
      'Dropped iterations/s',
      [q(`sum by (target) (${rate('k6_dropped_iterations_total', cell)})`, '{{target}}')],
      {
        width: 8,
        unit: 'short',
      },
    ),
    timeseries(
      'Data sent / received',
      [
        q(`sum by (target) (${rate('k6_data_sent_total', cell)})`, '{{target}} sent'),
        q(`sum by (target) (${rate('k6_data_received_total', cell)})`, '{{target}} received'),
      ],
      { width: 8, unit: 'Bps' },
    ),
    timeseries(
      'Generator event-loop lag',
      [
        q(`harness_generator_event_loop_lag_p99_seconds{${cell}}`, '{{target}} p99'),
        q(`harness_generator_event_loop_lag_max_seconds{${cell}}`, '{{target}} max'),
      ],
      {
        width: 8,
        unit: 's',
        description:
          'p99 and max per interval. Tens of ms: the generator, not the target, may be the bottleneck.',
      },
    ),
    timeseries('Generator CPU', [q(`harness_generator_cpu_cores{${cell}}`, '{{target}}')], {
      width: 8,
      unit: 'short',
      description: 'Cores used by the load generator; near 1 per worker thread: it is saturated.',
    }),
    timeseries(
      'Faults in effect',
      [q(`harness_fault_active{${cell}}`, '{{target}} {{kind}} {{edge}}{{fault_target}}')],
      {
        width: 8,
        min: 0,
        max: 1,
        requires: { faults: true },
        description: '1 while a fault of the schedule is applied.',
      },
    ),
  ],
};
