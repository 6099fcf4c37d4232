/**
 * The multi-region data path: this region's service (REGION) over every
 * partition's primary (PARTITION_PRIMARY_URLS — through the link to its home
 * region, unless it is here) and this region's copy of each
 * (PARTITION_LOCAL_URLS). Reads local, writes to the home (region-store.ts);
 * heartbeats on the primaries homed here and the lag of the copies that are
 * replicas (region-lag.ts); seed and read-back over the partitions
 * (region-admin.ts), on the entry region's service.
 */
import { apiPath, ensureSchema } from '../service/api-path.ts';
import { defineDataPath } from '../service/data-path.ts';
import { regionAdmin } from './region-admin.ts';
import { heartbeatSql, startHeartbeats, startLagSampler } from './region-lag.ts';
import { RegionStore } from './region-store.ts';

const list = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export const dataPath = defineDataPath({
  roles: ['api'],
  settings(env) {
    const region = env.str('REGION') ?? '';
    const regions = list(env.str('REGIONS'));
    const homes = list(env.str('PARTITION_HOMES'));
    const primaryUrls = env.postgresUrls('PARTITION_PRIMARY_URLS');
    const localUrls = env.postgresUrls('PARTITION_LOCAL_URLS');
    if (region === '') env.problems.push('REGION is required: the region this service runs in (eu)');
    if (!regions.includes(region))
      env.problems.push(`REGIONS (${regions.join(',')}) must include REGION (${region})`);
    if (homes.length === 0)
      env.problems.push('PARTITION_HOMES is required: the home region of each partition');
    if (primaryUrls.length !== homes.length || localUrls.length !== homes.length)
      env.problems.push(
        `PARTITION_PRIMARY_URLS and PARTITION_LOCAL_URLS need one URL per partition (${homes.length}), got ${primaryUrls.length} and ${localUrls.length}`,
      );
    return {
      region,
      regions,
      homes,
      primaryUrls,
      localUrls,
      homeBlock: env.int('HOME_BLOCK', 1_000, 1, 1_000_000_000),
      lagSampleMs: env.int('LAG_SAMPLE_MS', 250, 20, 60_000),
      heartbeatMs: env.int('HEARTBEAT_MS', 50, 10, 60_000),
    };
  },
  describe: (s) =>
    `region ${s.region} of ${s.regions.join(', ')}: reads local, writes to ${s.homes.length === 1 ? `the primary in ${s.homes[0]}` : 'each key’s home region'}`,
  async open(ctx, s) {
    const primaries = s.primaryUrls.map((url, p) => ctx.db(url, `primary-${s.homes[p]}`));
    const copies = s.localUrls.map((url, p) =>
      s.homes[p] === s.region ? primaries[p]! : ctx.db(url, `copy-${s.homes[p]}`),
    );
    const own = s.homes.flatMap((home, p) => (home === s.region ? [{ home, db: primaries[p]! }] : []));
    // Only a partition's home creates its tables: the other regions' copies replicate them.
    await ensureSchema(
      own.map((o) => o.db),
      async (db) => {
        await db.ensureSchema();
        await db.query('ensure-heartbeat', heartbeatSql.create, [], { direct: true });
      },
    );
    const stopBeats = startHeartbeats(own, s.heartbeatMs);
    const replicas = s.homes.flatMap((home, p) => (home === s.region ? [] : [{ home, db: copies[p]! }]));
    const stopLag = startLagSampler(s.region, replicas, ctx.metrics, s.lagSampleMs);
    const store = new RegionStore({
      region: s.region,
      homes: s.homes,
      primaries,
      copies,
      homeBlock: s.homeBlock,
      metrics: ctx.metrics,
    });
    const admin = regionAdmin({
      homes: s.homes,
      primaries,
      homeBlock: s.homeBlock,
      standbys: s.regions.length - 1,
      log: (line) => console.error(line),
    });
    const path = apiPath(store, admin, ctx.pingMs);
    return {
      routes: path.routes,
      async close() {
        stopBeats();
        stopLag();
        await path.close();
      },
    };
  },
});
