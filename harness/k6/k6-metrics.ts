/**
 * k6's built-in metrics (v0.48, HTTP and execution ones), their k6 types, and
 * which of them harness has data for. One list for the summary, the
 * Prometheus exposition and the README's "present / absent" table.
 */
import type { HttpTiming } from '../../model/index.ts';
import type { K6MetricType, K6ValueType } from './summary/types.ts';

export interface K6MetricInfo {
  type: K6MetricType;
  contains: K6ValueType;
  /**
   * Where harness's figure comes from: the metric registry (thresholds can
   * use it), a request phase kept by the engine (`timing`), or nowhere
   * (`absent`: harness cannot measure it, the summary leaves it out).
   */
  source:
    | { kind: 'registry' }
    | { kind: 'timing'; phase: HttpTiming }
    | { kind: 'schedule-lag' }
    | { kind: 'absent'; why: string };
}

const timing = (phase: HttpTiming): K6MetricInfo => ({
  type: 'trend',
  contains: 'time',
  source: { kind: 'timing', phase },
});

/** In k6's own order of its end-of-test summary. */
export const K6_METRICS: Readonly<Record<string, K6MetricInfo>> = {
  checks: { type: 'rate', contains: 'default', source: { kind: 'registry' } },
  data_received: { type: 'counter', contains: 'data', source: { kind: 'registry' } },
  data_sent: { type: 'counter', contains: 'data', source: { kind: 'registry' } },
  dropped_iterations: { type: 'counter', contains: 'default', source: { kind: 'registry' } },
  group_duration: {
    type: 'trend',
    contains: 'time',
    source: { kind: 'absent', why: 'harness does not time `vu.group()` steps' },
  },
  http_req_blocked: timing('blocked'),
  http_req_connecting: timing('connecting'),
  http_req_duration: { type: 'trend', contains: 'time', source: { kind: 'registry' } },
  http_req_failed: { type: 'rate', contains: 'default', source: { kind: 'registry' } },
  http_req_receiving: timing('receiving'),
  http_req_sending: timing('sending'),
  http_req_tls_handshaking: timing('tls_handshaking'),
  http_req_waiting: timing('waiting'),
  http_reqs: { type: 'counter', contains: 'default', source: { kind: 'registry' } },
  iteration_duration: { type: 'trend', contains: 'time', source: { kind: 'registry' } },
  iterations: { type: 'counter', contains: 'default', source: { kind: 'registry' } },
  vus: { type: 'gauge', contains: 'default', source: { kind: 'registry' } },
  vus_max: { type: 'gauge', contains: 'default', source: { kind: 'registry' } },
};

/** harness's own metrics, written beside k6's as custom metrics are. */
export const HARNESS_EXTRA_METRICS: Readonly<Record<string, K6MetricInfo>> = {
  /** Open model: latency from the actual send (http_req_duration counts from the intended start). */
  http_req_service_time: { type: 'trend', contains: 'time', source: { kind: 'registry' } },
  /** Open model: the generator's own lateness, send minus intended start. */
  http_req_schedule_lag: { type: 'trend', contains: 'time', source: { kind: 'schedule-lag' } },
};

/** The metric part of a key: `http_req_duration{name:x}` → `http_req_duration`. */
export const baseName = (key: string): string => key.replace(/\{.*$/s, '').trim();
