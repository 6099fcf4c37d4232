/** The sharded data path: one pool per shard, items and their orders routed by item id. */
import { apiPath, ensureSchema } from '../service/api-path.ts';
import { defineDataPath } from '../service/data-path.ts';
import { shardingModes } from './architecture.ts';
import { createShardRouter } from './shard-router.ts';
import { shardedAdmin } from './sharded-admin.ts';
import { ShardedStore } from './sharded-store.ts';

export const dataPath = defineDataPath({
  roles: ['api'],
  settings(env) {
    const shardUrls = env.postgresUrls('DATABASE_SHARD_URLS');
    if (shardUrls.length === 0)
      env.problems.push('DATABASE_SHARD_URLS is required: one Postgres per shard, in shard order');
    if (shardUrls.length > 1_000) env.problems.push('DATABASE_SHARD_URLS: at most 1000 shards');
    return {
      shardUrls,
      sharding: env.oneOf('SHARDING', shardingModes, 'consistent'),
      /** Virtual nodes per shard on the consistent-hash ring. */
      vnodes: env.int('SHARD_VNODES', 128, 1, 4_096),
    };
  },
  describe: (s) => `sharded over ${s.shardUrls.length} postgres (${s.sharding})`,
  async open(ctx, s) {
    const shards = s.shardUrls.map((url, i) => ctx.db(url, `shard-${i}`));
    await ensureSchema(shards);
    const router = createShardRouter(s.sharding, shards.length, s.vnodes);
    return apiPath(new ShardedStore(shards, router, ctx.metrics), shardedAdmin(shards, router), ctx.pingMs);
  },
});
