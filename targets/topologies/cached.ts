import { defineTopology } from '../../model/index.ts';
import type { CacheMode } from './params.ts';
import { resilienceDefaults, resilienceHelp } from './resilience-params.ts';
import { serviceComponent } from './service-component.ts';

/** The monolith with a Redis cache in front of Postgres for item reads (and writes, by mode). */
export const cached = defineTopology({
  name: 'cached',
  description: 'one service process, Redis cache in front of one Postgres',
  defaults: { poolSize: 10, cacheTtlS: 60, cacheMode: 'cache-aside' as CacheMode, ...resilienceDefaults },
  paramHelp: {
    poolSize: 'Postgres connections in the service pool (DB_POOL_SIZE)',
    cacheTtlS: 'seconds a cached item lives (CACHE_TTL_S)',
    cacheMode: 'cache-aside | write-through | write-behind (CACHE_MODE)',
    ...resilienceHelp,
  },
  build: (p) => ({
    name: 'cached',
    description: `service (pool ${p.poolSize}, ${p.cacheMode}, ttl ${p.cacheTtlS}s) → redis, postgres`,
    entry: 'app',
    components: [
      { name: 'postgres', kind: 'postgres' },
      { name: 'redis', kind: 'redis' },
      serviceComponent({
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
});
