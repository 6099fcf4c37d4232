import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sumMetric } from './scrape-metrics.ts';

const TEXT = `# HELP db_reads_total reads
# TYPE db_reads_total counter
db_reads_total{target="replica-0"} 120
db_reads_total{target="replica-1"} 80
cache_hits_total 42
queue_end_to_end_seconds_bucket{le="0.1"} 3
queue_end_to_end_seconds_sum 0.25
process_cpu_seconds_total 1.5
`;

describe('parsePrometheusText', () => {
  it('keeps counters and sums, drops buckets and process metrics', () => {
    expect(parsePrometheusText(TEXT)).toEqual({
      'db_reads_total{target="replica-0"}': 120,
      'db_reads_total{target="replica-1"}': 80,
      cache_hits_total: 42,
      queue_end_to_end_seconds_sum: 0.25,
    });
  });
  it('sums a metric over instances, optionally by label', () => {
    const m = { 'app-0': parsePrometheusText(TEXT), 'app-1': parsePrometheusText(TEXT) };
    expect(sumMetric(m, 'db_reads_total')).toBe(400);
    expect(sumMetric(m, 'db_reads_total', ['target', 'replica-1'])).toBe(160);
    expect(sumMetric(m, 'cache_hits_total')).toBe(84);
  });
});
