import { defineArchitecture } from '../plug/architecture.ts';
import { int, oneOf } from '../plug/params.ts';
import { resilienceParams } from '../plug/resilience-params.ts';
import { serviceComponent } from '../plug/service-component.ts';

export const cacheModes = ['cache-aside', 'write-through', 'write-behind'] as const;
export type CacheMode = (typeof cacheModes)[number];

/** The monolith with a Redis cache in front of Postgres for item reads (and writes, by mode). */
export const cached = defineArchitecture({
  name: 'cached',
  description: 'one service process, Redis cache in front of one Postgres',
  params: {
    poolSize: int(10, 1, 1_000, 'Postgres connections in the service pool (DB_POOL_SIZE)'),
    cacheTtlS: int(60, 1, 31_536_000, 'seconds a cached item lives (CACHE_TTL_S)'),
    cacheMode: oneOf(cacheModes, 'cache-aside', 'how writes meet the cache (CACHE_MODE)'),
    ...resilienceParams,
  },
  topology: (p) => ({
    name: 'cached',
    description: `service (pool ${p.poolSize}, ${p.cacheMode}, ttl ${p.cacheTtlS}s) → redis, postgres`,
    entry: 'app',
    components: [
      { name: 'postgres', kind: 'postgres' },
      { name: 'redis', kind: 'redis' },
      serviceComponent({
        dataPath: 'cached',
        resilience: p,
        uses: ['postgres', 'redis'],
        env: {
          DB_POOL_SIZE: String(p.poolSize),
          REDIS_URL: '{{redis.url}}',
          CACHE_MODE: p.cacheMode,
          CACHE_TTL_S: String(p.cacheTtlS),
        },
      }),
    ],
  }),
  dataPath: () => import('./data-path.ts').then((m) => m.dataPath),
});
