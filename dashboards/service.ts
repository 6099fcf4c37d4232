/**
 * Dashboard (b), the service under test: what every service and worker
 * instance exposes at GET /metrics (targets/service/metrics.ts and the data
 * paths' own metrics, exact names), scraped by the Prometheus harness starts.
 * Prometheus adds `harness_target`, `harness_profile`, `harness_arch` and
 * `instance` (`app-0`) from the file_sd targets harness writes per cell.
 */
import type { DashboardSpec } from './builder/dashboard.ts';
import { q, row, stat, stateTimeline, timeseries } from './builder/panels.ts';
import { SERVICE_JOB } from './prometheus-config.ts';

const sel = `job="${SERVICE_JOB}", harness_target=~"$target", instance=~"$instance"`;
const rate = (metric: string, extra = '') => `rate(${metric}{${sel}${extra}}[$__rate_interval])`;
const quantile = (p: number, metric: string, by: string) =>
  `histogram_quantile(${p}, sum by (le, ${by}) (${rate(`${metric}_bucket`)}))`;

export const serviceDashboard: DashboardSpec = {
  uid: 'harness-service',
  title: 'harness — service under test',
  description:
    'The service instances of the running cell: routes, dependencies, cache, replicas, shards, queue, resilience, process.',
  tags: ['harness', 'service'],
  variables: [
    { name: 'target', label: 'Target', query: `label_values(up{job="${SERVICE_JOB}"}, harness_target)` },
    {
      name: 'instance',
      label: 'Instance',
      query: `label_values(up{job="${SERVICE_JOB}", harness_target=~"$target"}, instance)`,
    },
  ],
  annotations: [
    {
      name: 'Faults',
      expr: 'harness_fault_active{target=~"$target"} == 1',
      title: '{{kind}} {{edge}}{{fault_target}}',
      text: '{{fault}} on {{target}}',
      color: 'red',
    },
  ],
  items: [
    row('HTTP'),
    timeseries(
      'Requests/s by route',
      [
        q(
          `sum by (route, method) (${rate('http_server_request_duration_seconds_count')})`,
          '{{method}} {{route}}',
        ),
      ],
      {
        width: 8,
        unit: 'reqps',
      },
    ),
    timeseries(
      'Latency p99 by route',
      [q(quantile(0.99, 'http_server_request_duration_seconds', 'route, method'), '{{method}} {{route}}')],
      {
        width: 8,
        unit: 's',
      },
    ),
    timeseries(
      'Responses by status',
      [q(`sum by (status) (${rate('http_server_request_duration_seconds_count')})`, '{{status}}')],
      {
        width: 8,
        unit: 'reqps',
        stack: true,
      },
    ),

    row('Dependencies'),
    timeseries(
      'Postgres call latency p99 by operation',
      [q(quantile(0.99, 'db_client_operation_duration_seconds', 'operation'), '{{operation}}')],
      {
        width: 8,
        unit: 's',
      },
    ),
    timeseries(
      'Postgres errors/s by operation',
      [q(`sum by (operation) (${rate('db_client_errors_total')})`, '{{operation}}')],
      {
        width: 8,
        unit: 'short',
        requires: { errors: true },
      },
    ),
    timeseries(
      'Pool connections in use / waiting',
      [
        q(
          `sum by (instance, pool) (db_pool_connections{${sel}, state="total"}) - sum by (instance, pool) (db_pool_connections{${sel}, state="idle"})`,
          '{{instance}} {{pool}} in use',
        ),
        q(
          `sum by (instance, pool) (db_pool_connections{${sel}, state="waiting"})`,
          '{{instance}} {{pool}} waiting',
        ),
      ],
      { width: 8, unit: 'short', description: 'Waiting: queries queued for a free connection.' },
    ),

    row('Cache'),
    stat(
      'Cache hit ratio',
      [
        q(
          `sum(${rate('cache_hits_total')}) / (sum(${rate('cache_hits_total')}) + sum(${rate('cache_misses_total')}))`,
        ),
      ],
      { width: 6, height: 8, unit: 'percentunit', requires: { archs: ['cached'] } },
    ),
    timeseries(
      'Cache hits / misses per second',
      [q(`sum(${rate('cache_hits_total')})`, 'hits'), q(`sum(${rate('cache_misses_total')})`, 'misses')],
      { width: 9, unit: 'short', requires: { archs: ['cached'] } },
    ),
    timeseries(
      'Cache errors/s by operation',
      [q(`sum by (operation) (${rate('cache_errors_total')})`, '{{operation}}')],
      {
        width: 9,
        unit: 'short',
        requires: { archs: ['cached'], errors: true },
        description: 'Redis calls that failed; cache-aside reads fall back to Postgres.',
      },
    ),

    row('Replicas and shards'),
    timeseries(
      'Reads per database',
      [q(`sum by (target) (${rate('db_reads_total', ', target=~".+"')})`, '{{target}}')],
      {
        width: 8,
        unit: 'short',
        stack: true,
        requires: { archs: ['replicated'] },
        description: 'Which database answered each read: the primary or replica-N.',
      },
    ),
    timeseries(
      'Replication lag',
      [q(`max by (replica) (db_replication_lag_seconds{${sel}})`, '{{replica}}')],
      {
        width: 8,
        unit: 's',
        requires: { archs: ['replicated'] },
      },
    ),
    timeseries(
      'Reads and writes per shard',
      [
        q(`sum by (shard) (${rate('db_reads_total', ', shard=~".+"')})`, 'reads shard {{shard}}'),
        q(`sum by (shard) (${rate('db_writes_total')})`, 'writes shard {{shard}}'),
      ],
      { width: 8, unit: 'short', requires: { archs: ['sharded'] } },
    ),

    row('Queue'),
    timeseries(
      'Queue depth',
      [
        q(`sum by (state) (queue_pending_messages{${sel}})`, 'pending {{state}}'),
        q(`max(queue_stream_messages{${sel}})`, 'in stream'),
      ],
      { width: 8, unit: 'short', requires: { archs: ['queued'] } },
    ),
    timeseries(
      'End-to-end latency (accepted → persisted)',
      [
        q(quantile(0.5, 'queue_end_to_end_seconds', 'entity'), '{{entity}} p50'),
        q(quantile(0.99, 'queue_end_to_end_seconds', 'entity'), '{{entity}} p99'),
        q(`max(queue_lag_seconds{${sel}})`, 'oldest unpersisted'),
      ],
      { width: 8, unit: 's', requires: { archs: ['queued'] } },
    ),
    timeseries(
      'Persisted writes/s',
      [q(`sum by (entity) (${rate('queue_persisted_total')})`, '{{entity}}')],
      {
        width: 8,
        unit: 'short',
        requires: { archs: ['queued'] },
      },
    ),

    row('Resilience'),
    stateTimeline(
      'Circuit state',
      [q(`max by (instance, dependency) (circuit_state{${sel}})`, '{{instance}} {{dependency}}')],
      {
        width: 8,
        mappings: {
          '0': { text: 'closed', color: 'green' },
          '1': { text: 'half-open', color: 'yellow' },
          '2': { text: 'open', color: 'red' },
        },
      },
    ),
    timeseries(
      'Bulkhead in flight / rejected',
      [
        q(`sum by (dependency) (bulkhead_in_flight{${sel}})`, '{{dependency}} in flight'),
        q(`sum by (dependency) (${rate('bulkhead_rejected_total')})`, '{{dependency}} rejected/s'),
      ],
      { width: 8, unit: 'short' },
    ),
    timeseries(
      'Retries / timeouts per second',
      [
        q(`sum by (dependency) (${rate('dependency_retries_total')})`, '{{dependency}} retries'),
        q(`sum by (dependency) (${rate('dependency_timeouts_total')})`, '{{dependency}} timeouts'),
      ],
      { width: 8, unit: 'short' },
    ),

    row('Process'),
    timeseries(
      'CPU by instance',
      [q(`sum by (instance) (${rate('process_cpu_seconds_total')})`, '{{instance}}')],
      {
        unit: 'short',
        description: 'Cores used by each service/worker process.',
      },
    ),
    timeseries(
      'Event-loop lag p99 by instance',
      [q(`max by (instance) (nodejs_eventloop_lag_p99_seconds{${sel}})`, '{{instance}}')],
      {
        unit: 's',
      },
    ),
  ],
};
