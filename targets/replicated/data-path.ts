/**
 * The read-replica data path: writes to the primary, reads over the hot
 * standbys (replicated-store.ts), replication lag sampled (replication-lag.ts).
 * A seed returns once the replicas have replayed it (or after 60 s).
 */
import { type AdminTarget, singleDbAdmin } from '../service/admin-target.ts';
import { apiPath, ensureSchema } from '../service/api-path.ts';
import { requireDatabaseUrl } from '../service/config.ts';
import { defineDataPath } from '../service/data-path.ts';
import { PgStore } from '../service/store.ts';
import { ReplicatedStore } from './replicated-store.ts';
import { monitorReplication } from './replication-lag.ts';

const replicaSeedWaitMs = 60_000;

export const dataPath = defineDataPath({
  roles: ['api'],
  settings(env, config) {
    const replicaUrls = env.postgresUrls('DATABASE_REPLICA_URLS');
    if (replicaUrls.length === 0)
      env.problems.push('DATABASE_REPLICA_URLS is required: the hot standbys reads go to (comma-separated)');
    return {
      databaseUrl: requireDatabaseUrl(env, config),
      replicaUrls,
      /** How often replication lag is sampled, ms. */
      sampleMs: env.int('REPLICATION_SAMPLE_MS', 1_000, 50, 60_000),
    };
  },
  describe: (s) => `replicated: writes → primary, reads → ${s.replicaUrls.length} replicas`,
  async open(ctx, s) {
    const primary = ctx.db(s.databaseUrl);
    await ensureSchema([primary]);
    const replicas = s.replicaUrls.map((url, i) => ctx.db(url, `replica-${i}`));
    const monitor = monitorReplication(primary, replicas, ctx.metrics, s.sampleMs);
    const store = new ReplicatedStore(
      new PgStore(primary),
      replicas.map((r) => new PgStore(r)),
      ctx.metrics,
    );
    const admin = singleDbAdmin(primary);
    const replicatedAdmin: AdminTarget = {
      ...admin,
      async seed(items, valueSize) {
        await admin.seed(items, valueSize);
        if (!(await monitor.caughtUp(replicaSeedWaitMs)))
          console.error(`[service] replicas still behind ${replicaSeedWaitMs} ms after the seed`);
      },
    };
    const path = apiPath(store, replicatedAdmin, ctx.pingMs);
    return {
      routes: path.routes,
      async close() {
        monitor.stop();
        await path.close();
      },
    };
  },
});
