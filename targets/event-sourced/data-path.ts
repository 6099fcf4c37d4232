/**
 * The event-sourced data path: the shared API over an event store
 * (event-store.ts, es-store.ts), plus `POST /admin/event-log/audit` — the
 * log's integrity, which harness runs after the ledger (architecture.ts: verify).
 */
import { apiPath, ensureSchema } from '../service/api-path.ts';
import { requireDatabaseUrl } from '../service/config.ts';
import { defineDataPath } from '../service/data-path.ts';
import { json } from '../service/http.ts';
import { auditEventLog, eventSourcedAdmin } from './es-admin.ts';
import { EventSourcedMetrics } from './es-metrics.ts';
import { EventSourcedStore } from './es-store.ts';
import { EventStore, eventStoreSql } from './event-store.ts';

export const dataPath = defineDataPath({
  roles: ['api'],
  settings: (env, config) => ({
    databaseUrl: requireDatabaseUrl(env, config),
    /** Events between snapshots of a stream; 0 = none. */
    snapshotEvery: env.int('SNAPSHOT_EVERY', 100, 0, 1_000_000),
  }),
  describe: (s) =>
    `event-sourced on postgres, ${s.snapshotEvery > 0 ? `a snapshot every ${s.snapshotEvery} events` : 'no snapshots'}`,
  async open(ctx, s) {
    const db = ctx.db(s.databaseUrl);
    await ensureSchema([db], (d) => d.query('es-schema', eventStoreSql, [], { direct: true }));
    const events = new EventStore(db);
    const store = new EventSourcedStore(events, new EventSourcedMetrics(ctx.metrics, db), s.snapshotEvery);
    const path = apiPath(store, eventSourcedAdmin(db), ctx.pingMs);
    return {
      routes(router) {
        path.routes(router);
        router.add('POST', '/admin/event-log/audit', async () => {
          await store.settle();
          return json(200, { checks: await auditEventLog(events) });
        });
      },
      close: path.close,
    };
  },
});
