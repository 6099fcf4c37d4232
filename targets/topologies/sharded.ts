import { defineTopology } from '../../model/index.ts';
import type { ShardingMode } from './params.ts';
import { resilienceDefaults, resilienceHelp } from './resilience-params.ts';
import { serviceComponent } from './service-component.ts';

/**
 * One service over K Postgres shards. Items (and their orders) route by item
 * id: a consistent-hash ring (vnodes per shard) or hash mod K. Order ids end in
 * their shard (`seq * 1000 + shard`).
 */
export const sharded = defineTopology({
  name: 'sharded',
  description: 'one service over K Postgres shards (consistent hashing or hash mod K)',
  defaults: {
    shards: 3,
    sharding: 'consistent' as ShardingMode,
    vnodes: 128,
    poolSize: 10,
    ...resilienceDefaults,
  },
  paramHelp: {
    shards: 'Postgres shards',
    sharding: 'consistent (hash ring) | mod (hash mod K)',
    vnodes: 'virtual nodes per shard on the hash ring (consistent only)',
    poolSize: 'Postgres connections per shard pool (DB_POOL_SIZE)',
    ...resilienceHelp,
  },
  build: (p) => ({
    name: 'sharded',
    description: `service (pool ${p.poolSize}/shard, ${p.sharding}) → ${p.shards} postgres shards`,
    entry: 'app',
    components: [
      { name: 'shard', kind: 'postgres', replicas: p.shards },
      serviceComponent({
        resilience: p,
        uses: ['shard'],
        databaseUrl: false,
        env: {
          DB_POOL_SIZE: String(p.poolSize),
          DATABASE_SHARD_URLS: '{{shard.urls}}',
          SHARDING: p.sharding,
          SHARD_VNODES: String(p.vnodes),
        },
      }),
    ],
  }),
});
