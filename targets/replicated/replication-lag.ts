/**
 * Replication lag, sampled every `everyMs` from the service's own pools:
 * - db_replication_lag_bytes{replica}: WAL the primary has written that the
 *   replica has not replayed (primary's pg_current_wal_lsn() − replica's
 *   pg_last_wal_replay_lsn()).
 * - db_replication_lag_seconds{replica}: now() − pg_last_xact_replay_timestamp()
 *   on the replica while it is behind; 0 once it has replayed everything (the
 *   timestamp alone would grow forever on an idle primary).
 * A replica (or primary) that does not answer drops its series until it does.
 * `caughtUp` waits until every replica has replayed what the primary has now.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Gauge } from 'prom-client';
import type { Db } from '../service/db.ts';
import type { ServiceMetrics } from '../service/metrics.ts';

const probeTimeoutMs = 1_000;

const replicaLagSql = `SELECT GREATEST(pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()), 0)::float8 AS bytes,
  COALESCE(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0)::float8 AS seconds`;

export interface ReplicationMonitor {
  /** Resolves true once every replica replayed the primary's current WAL position, false at the deadline. */
  caughtUp(timeoutMs: number): Promise<boolean>;
  stop(): void;
}

export function monitorReplication(
  primary: Db,
  replicas: Db[],
  metrics: ServiceMetrics,
  everyMs: number,
): ReplicationMonitor {
  const bytes = new Gauge({
    name: 'db_replication_lag_bytes',
    help: 'WAL bytes the primary has written and the replica has not replayed yet',
    labelNames: ['replica'] as const,
    registers: [metrics.registry],
  });
  const seconds = new Gauge({
    name: 'db_replication_lag_seconds',
    help: 'Age of the last transaction the replica replayed while it is behind the primary (0 when caught up)',
    labelNames: ['replica'] as const,
    registers: [metrics.registry],
  });
  const primaryLsn = async (): Promise<string> => {
    const { rows } = await primary.query<{ lsn: string }>(
      'replication-primary-lsn',
      'SELECT pg_current_wal_lsn()::text AS lsn',
      [],
      { timeoutMs: probeTimeoutMs, direct: true },
    );
    return rows[0]!.lsn;
  };

  let running = false;
  const sample = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const lsn = await primaryLsn().catch(() => undefined);
      await Promise.all(
        replicas.map(async (db, i) => {
          const replica = `replica-${i}`;
          try {
            if (lsn === undefined) throw new Error('primary position unknown');
            const { rows } = await db.query<{ bytes: number; seconds: number }>(
              'replication-lag',
              replicaLagSql,
              [lsn],
              { timeoutMs: probeTimeoutMs, direct: true },
            );
            const row = rows[0]!;
            bytes.set({ replica }, row.bytes);
            seconds.set({ replica }, row.bytes > 0 ? Math.max(row.seconds, 0) : 0);
          } catch {
            bytes.remove({ replica });
            seconds.remove({ replica });
          }
        }),
      );
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sample(), everyMs);
  timer.unref();

  return {
    async caughtUp(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      const target = await primaryLsn();
      for (;;) {
        const behind = await Promise.all(
          replicas.map((db) =>
            db
              .query<{ ok: boolean }>(
                'replication-caught-up',
                'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok',
                [target],
                { timeoutMs: probeTimeoutMs, direct: true },
              )
              .then(({ rows }) => rows[0]?.ok !== true)
              .catch(() => true),
          ),
        );
        if (!behind.includes(true)) return true;
        if (Date.now() >= deadline) return false;
        await sleep(50);
      }
    },
    stop: () => clearInterval(timer),
  };
}
