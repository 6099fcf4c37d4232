/** Terminal output of `harness load`: a live line per second and a k6-like end summary. */

import type { IntervalSample, LatencyStats } from '../../model/index.ts';
import { intervalQuick } from '../../model/index.ts';
import type { LoadUrlOutcome } from './load-url.ts';

const ms = (v: number) =>
  v < 10 ? `${v.toFixed(2)}ms` : v < 100 ? `${v.toFixed(1)}ms` : `${v.toFixed(0)}ms`;
const trend = (t: LatencyStats) =>
  `avg=${ms(t.avg)} min=${ms(t.min)} med=${ms(t.med)} max=${ms(t.max)} p(90)=${ms(t.p90)} p(95)=${ms(t.p95)} p(99)=${ms(t.p99)}`;

export function formatLoadSummary(o: LoadUrlOutcome): string {
  const s = o.summary;
  if (!s) return 'no requests were measured';
  const lines = [
    `model: ${
      o.model === 'closed'
        ? 'closed (VUs in a loop)'
        : o.engine === 'k6'
          ? 'open (k6: latency from the send, no coordinated-omission correction)'
          : 'open (latency from the intended start, coordinated omission corrected)'
    }`,
    `http_reqs..................: ${s.requests}  ${s.rate.toFixed(1)}/s`,
    `http_req_duration..........: ${trend(s.duration)}`,
    ...(s.serviceTime ? [`http_req_service_time......: ${trend(s.serviceTime)}`] : []),
    ...(o.scheduleLag
      ? [
          `http_req_schedule_lag......: p(99)=${ms(o.scheduleLag.p99)} max=${ms(o.scheduleLag.max)}  (send − intended start: the generator's own lateness)`,
        ]
      : []),
    `http_req_failed............: ${((s.errorRate || 0) * 100).toFixed(2)}%  ${s.failed} out of ${s.requests}` +
      (Object.keys(s.errors).length
        ? `  (${Object.entries(s.errors)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')})`
        : ''),
    `iterations.................: ${s.iterations}`,
    ...(s.droppedIterations ? [`dropped_iterations.........: ${s.droppedIterations}`] : []),
    `data_received..............: ${(s.dataReceived / 1e6).toFixed(2)} MB   data_sent: ${(s.dataSent / 1e6).toFixed(2)} MB`,
  ];
  for (const t of o.thresholds)
    lines.push(
      `${t.ok ? '✓' : '✗'} ${t.metric} ${t.expression}  (${t.actual === null ? 'no data' : t.actual.toFixed(3)})`,
    );
  if (o.generatorBound) lines.push(`⚠ the load generator was the bottleneck: ${o.generatorNotes.join('; ')}`);
  for (const note of o.vuPoolNotes) lines.push(`⚠ the target was too slow: ${note}`);
  return lines.join('\n');
}

formatLoadSummary.interval = (sample: IntervalSample): string => {
  const q = intervalQuick(sample);
  return `${q.rate.toFixed(0).padStart(7)} req/s  p50 ${ms(q.p50)}  p95 ${ms(q.p95)}  p99 ${ms(q.p99)}  err ${(q.errorRate * 100).toFixed(2)}%  vus ${sample.vus}`;
};
