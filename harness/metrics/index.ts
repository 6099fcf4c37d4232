/** The metrics wing's door: harness's metrics in Prometheus's terms — the exposition, the /metrics server, remote write. */
export { HarnessMetrics } from './prometheus/harness-metrics.ts';
export { RemoteWriter } from './prometheus/remote-write/remote-writer.ts';
