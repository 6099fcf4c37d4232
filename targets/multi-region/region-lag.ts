/**
 * Cross-region replication lag, measured where it is felt: in each region,
 * on its own copies of the partitions homed elsewhere (streaming replicas),
 * as `clock_timestamp() − pg_last_xact_replay_timestamp()` — how old the
 * newest transaction this copy has replayed is. So that an idle primary does
 * not look like lag, the service at a partition's home commits a heartbeat to
 * its primary every `heartbeatMs` (50 ms): the figure is the lag plus at most
 * that. It needs no query across regions, so during a partition it keeps
 * growing — how far behind the cut-off copy falls.
 *
 * region_replication_lag_seconds{home, region}: a summary (p50, p99) of every
 * sample since the copy replayed the last seed; region_replication_lag_now_seconds:
 * the last sample.
 */
import { Gauge, Summary } from 'prom-client';
import type { Db } from '../service/db.ts';
import type { ServiceMetrics } from '../service/metrics.ts';

export const heartbeatSql = {
  create: `CREATE TABLE IF NOT EXISTS region_heartbeat (
  home text PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  seed int NOT NULL DEFAULT 0
)`,
  beat: `INSERT INTO region_heartbeat (home, at) VALUES ($1, clock_timestamp())
  ON CONFLICT (home) DO UPDATE SET at = excluded.at`,
  nextSeed: `INSERT INTO region_heartbeat (home, seed) VALUES ($1, 1)
  ON CONFLICT (home) DO UPDATE SET seed = region_heartbeat.seed + 1, at = clock_timestamp()`,
  sample: `SELECT extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8 AS lag,
  (SELECT seed FROM region_heartbeat WHERE home = $1) AS seed`,
};

const probeTimeoutMs = 1_000;

/** Commits a heartbeat to each primary homed in this region every `everyMs`; returns the stop. */
export function startHeartbeats(own: { home: string; db: Db }[], everyMs: number): () => void {
  let busy = false;
  const beat = async () => {
    if (busy) return;
    busy = true;
    await Promise.all(
      own.map(({ home, db }) =>
        db
          .query('region-heartbeat', heartbeatSql.beat, [home], { direct: true, timeoutMs: probeTimeoutMs })
          .catch(() => undefined),
      ),
    );
    busy = false;
  };
  const timer = setInterval(() => void beat(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Samples the lag of this region's replica copies every `everyMs`; returns the stop. */
export function startLagSampler(
  region: string,
  replicas: { home: string; db: Db }[],
  metrics: ServiceMetrics,
  everyMs: number,
): () => void {
  const summary = new Summary({
    name: 'region_replication_lag_seconds',
    help: 'Age of the newest transaction this region’s copy of a partition has replayed (heartbeat every 50 ms), since the last seed',
    labelNames: ['home', 'region'] as const,
    percentiles: [0.5, 0.99],
    registers: [metrics.registry],
  });
  const now = new Gauge({
    name: 'region_replication_lag_now_seconds',
    help: 'The last sample of region_replication_lag_seconds',
    labelNames: ['home', 'region'] as const,
    registers: [metrics.registry],
  });
  const seeds = new Map<string, number | null>();
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    await Promise.all(
      replicas.map(async ({ home, db }) => {
        const labels = { home, region };
        try {
          const { rows } = await db.query<{ lag: number | null; seed: number | null }>(
            'region-lag',
            heartbeatSql.sample,
            [home],
            { direct: true, timeoutMs: probeTimeoutMs },
          );
          const { lag, seed } = rows[0] ?? { lag: null, seed: null };
          if (lag === null) return;
          // A new seed reached this copy: the figures start again from here.
          if (seeds.has(home) && seeds.get(home) !== seed) summary.remove(labels);
          seeds.set(home, seed);
          summary.observe(labels, Math.max(0, lag));
          now.set(labels, Math.max(0, lag));
        } catch {
          // No table yet (before the first seed), or the copy is down: nothing to say.
        }
      }),
    );
    busy = false;
  };
  const timer = setInterval(() => void sample(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
