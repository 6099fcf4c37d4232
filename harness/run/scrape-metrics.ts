/**
 * Reads the Prometheus metrics of every service and worker instance at the
 * end of a cell, so results can show what the pattern did inside the target:
 * database reads per replica, cache hits, writes per shard, queue latency.
 * Histogram buckets and the runtime's own process/nodejs metrics are left out.
 */
import { request } from 'undici';
import type { Deployment } from '../../model/index.ts';

const SKIP = /^(process_|nodejs_)|_bucket$/;

/** Parses Prometheus text exposition into `name{labels}` → value. */
export function parsePrometheusText(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m || SKIP.test(m[1]!)) continue;
    const value = Number(m[3]);
    if (Number.isFinite(value)) out[`${m[1]}${m[2] ?? ''}`] = value;
  }
  return out;
}

export async function scrapeTargetMetrics(
  deployment: Deployment,
): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  await Promise.all(
    deployment.instances
      .filter((i) => (i.kind === 'service' || i.kind === 'worker') && i.isRunning())
      .map(async (i) => {
        try {
          const res = await request(`${i.url}/metrics`, { headersTimeout: 5000, bodyTimeout: 5000 });
          const text = await res.body.text();
          if (res.statusCode === 200) out[i.id] = parsePrometheusText(text);
        } catch {
          // An instance killed by a fault has no metrics to give.
        }
      }),
  );
  return out;
}

/** Sums one metric over instances and label sets, optionally filtered by a label value. */
export function sumMetric(
  metrics: Record<string, Record<string, number>> | undefined,
  name: string,
  label?: [string, string],
): number {
  let total = 0;
  for (const instance of Object.values(metrics ?? {}))
    for (const [key, value] of Object.entries(instance)) {
      const m = /^([^{]+)(\{.*\})?$/.exec(key);
      if (m?.[1] !== name) continue;
      if (label && !(m[2] ?? '').includes(`${label[0]}="${label[1]}"`)) continue;
      total += value;
    }
  return total;
}
