/**
 * The read-replica data path: writes to the primary, reads over the hot
 * standbys (replicated-store.ts), replication lag sampled (replication-lag.ts).
 * A seed returns once the replicas have replayed it (or after 60 s).
 * REQUEST_WORK_US > 0 burns that much CPU in each item and order request
 * (cpu-work.ts): an app tier with work of its own. The autoscaled
 * architecture runs this same path.
 */
import { type AdminTarget, singleDbAdmin } from '../service/admin-target.ts';
import { apiPath, ensureSchema } from '../service/api-path.ts';
import { requireDatabaseUrl, type ServiceConfig } from '../service/config.ts';
import { type DataPath, type DataPathContext, defineDataPath } from '../service/data-path.ts';
import type { EnvReader } from '../service/env-reader.ts';
import { PgStore } from '../service/store.ts';
import { withCpuWork } from './cpu-work.ts';
import { ReplicatedStore } from './replicated-store.ts';
import { monitorReplication } from './replication-lag.ts';

const replicaSeedWaitMs = 60_000;

export interface ReplicatedSettings {
  databaseUrl: string;
  replicaUrls: string[];
  /** How often replication lag is sampled, ms. */
  sampleMs: number;
  /** CPU burned per item or order request, µs. */
  workUs: number;
}

export function replicatedSettings(env: EnvReader, config: ServiceConfig): ReplicatedSettings {
  const replicaUrls = env.postgresUrls('DATABASE_REPLICA_URLS');
  if (replicaUrls.length === 0)
    env.problems.push('DATABASE_REPLICA_URLS is required: the hot standbys reads go to (comma-separated)');
  return {
    databaseUrl: requireDatabaseUrl(env, config),
    replicaUrls,
    sampleMs: env.int('REPLICATION_SAMPLE_MS', 1_000, 50, 60_000),
    workUs: env.int('REQUEST_WORK_US', 0, 0, 100_000),
  };
}

export async function openReplicated(ctx: DataPathContext, s: ReplicatedSettings): Promise<DataPath> {
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
  const path = apiPath(s.workUs > 0 ? withCpuWork(store, s.workUs) : store, replicatedAdmin, ctx.pingMs);
  return {
    routes: path.routes,
    async close() {
      monitor.stop();
      await path.close();
    },
  };
}

export const dataPath = defineDataPath({
  roles: ['api'],
  settings: replicatedSettings,
  describe: (s) =>
    `replicated: writes → primary, reads → ${s.replicaUrls.length} replicas${s.workUs > 0 ? `, ${s.workUs} µs of CPU per request` : ''}`,
  open: openReplicated,
});
