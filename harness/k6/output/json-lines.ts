/**
 * k6's JSON output (`k6 run --out json=<file>`), one JSON object a line, as
 * k6 v0.48 writes it:
 *
 *   {"type":"Metric","data":{"name":"http_reqs","type":"counter","contains":"default",
 *     "thresholds":[],"submetrics":[…]},"metric":"http_reqs"}
 *   {"type":"Point","metric":"http_reqs","data":{"time":"2026-12-05T23:15:46.928214165Z",
 *     "value":1,"tags":{"name":"get-item","status":"200","scenario":"readers",…}}}
 *
 * `Metric` records declare a metric once (with its thresholds); `Point`
 * records are single samples. Anything else on a line (k6's own log lines,
 * when the output went to stdout and was read back with `kubectl logs`) is
 * not k6 output and is skipped.
 */

export interface K6Point {
  metric: string;
  /** ms since the epoch, sub-ms kept. */
  time: number;
  value: number;
  tags: Record<string, string>;
}

export interface K6MetricRecord {
  name: string;
  type: string;
  contains: string;
  /** Threshold expressions declared on the metric itself (k6 writes submetrics' elsewhere). */
  thresholds: string[];
}

export type K6Line = { kind: 'point'; point: K6Point } | { kind: 'metric'; metric: K6MetricRecord };

/** One line of k6's JSON output; undefined for anything that is not a k6 record. */
export function parseK6Line(line: string): K6Line | undefined {
  const text = line.trim();
  if (!text.startsWith('{')) return undefined;
  let rec: { type?: unknown; metric?: unknown; data?: Record<string, unknown> };
  try {
    rec = JSON.parse(text);
  } catch {
    return undefined;
  }
  const data = rec.data;
  if (!data || typeof data !== 'object') return undefined;
  if (rec.type === 'Point' && typeof rec.metric === 'string') {
    const time = parseTime(data.time);
    if (time === undefined || typeof data.value !== 'number') return undefined;
    const tags = (data.tags && typeof data.tags === 'object' ? data.tags : {}) as Record<string, string>;
    return { kind: 'point', point: { metric: rec.metric, time, value: data.value, tags } };
  }
  if (rec.type === 'Metric' && typeof data.name === 'string')
    return {
      kind: 'metric',
      metric: {
        name: data.name,
        type: String(data.type),
        contains: String(data.contains),
        thresholds: Array.isArray(data.thresholds) ? (data.thresholds as unknown[]).map(String) : [],
      },
    };
  return undefined;
}

/** RFC 3339 with nanoseconds (Date.parse keeps ms only; the rest is added back). */
function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  const frac = /\.(\d+)/.exec(value)?.[1];
  return frac && frac.length > 3 ? ms + Number(`0.${frac.slice(3)}`) : ms;
}
