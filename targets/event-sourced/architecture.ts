import { defineArchitecture } from '../plug/architecture.ts';
import { int } from '../plug/params.ts';
import { resilienceParams } from '../plug/resilience-params.ts';
import { serviceComponent } from '../plug/service-component.ts';
import { type IntegrityCheck, postAdmin } from '../plug/verify.ts';

/**
 * State as an append-only log of events in Postgres; every read rebuilds the
 * aggregate by replay, from its latest snapshot (one every `snapshotEvery`
 * events) or from the start. After the load, harness audits the log: every
 * stream's versions present exactly once, in append order, and every
 * snapshot equal to the replay it stands for.
 */
export const eventSourced = defineArchitecture({
  name: 'event-sourced',
  description: 'one service over an append-only event log in Postgres; reads replay from snapshots',
  params: {
    snapshotEvery: int(100, 0, 1_000_000, 'events between snapshots of a stream; 0 = never (SNAPSHOT_EVERY)'),
    poolSize: int(10, 1, 1_000, 'Postgres connections in the service pool (DB_POOL_SIZE)'),
    ...resilienceParams,
  },
  topology: (p) => ({
    name: 'event-sourced',
    description: `service (pool ${p.poolSize}, ${p.snapshotEvery > 0 ? `snapshot every ${p.snapshotEvery}` : 'no snapshots'}) → postgres event log`,
    entry: 'app',
    components: [
      { name: 'postgres', kind: 'postgres' },
      serviceComponent({
        dataPath: 'event-sourced',
        resilience: p,
        uses: ['postgres'],
        env: { DB_POOL_SIZE: String(p.poolSize), SNAPSHOT_EVERY: String(p.snapshotEvery) },
      }),
    ],
  }),
  dataPath: () => import('./data-path.ts').then((m) => m.dataPath),
  verify: async (ctx) =>
    (await postAdmin<{ checks: IntegrityCheck[] }>(`${ctx.entryUrl}/admin/event-log/audit`, {}, ctx.signal))
      .checks,
});
