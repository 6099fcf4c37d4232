import { defineArchitecture } from '../plug/architecture.ts';
import { int, oneOf } from '../plug/params.ts';
import { resilienceParams } from '../plug/resilience-params.ts';
import { serviceComponent } from '../plug/service-component.ts';

export const shardingModes = ['consistent', 'mod'] as const;
export type ShardingMode = (typeof shardingModes)[number];

/**
 * One service over K Postgres shards. Items (and their orders) route by item
 * id: a consistent-hash ring (vnodes per shard) or hash mod K. Order ids end in
 * their shard (`seq * 1000 + shard`).
 */
export const sharded = defineArchitecture({
  name: 'sharded',
  description: 'one service over K Postgres shards (consistent hashing or hash mod K)',
  params: {
    shards: int(3, 1, 64, 'Postgres shards'),
    sharding: oneOf(shardingModes, 'consistent', 'hash ring, or hash mod K'),
    vnodes: int(128, 1, 4_096, 'virtual nodes per shard on the hash ring (consistent only)'),
    poolSize: int(10, 1, 1_000, 'Postgres connections per shard pool (DB_POOL_SIZE)'),
    ...resilienceParams,
  },
  topology: (p) => ({
    name: 'sharded',
    description: `service (pool ${p.poolSize}/shard, ${p.sharding}) → ${p.shards} postgres shards`,
    entry: 'app',
    components: [
      { name: 'shard', kind: 'postgres', replicas: p.shards },
      serviceComponent({
        dataPath: 'sharded',
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
  dataPath: () => import('./data-path.ts').then((m) => m.dataPath),
});
