/** The cached data path: Redis in front of Postgres (cache.ts), Postgres the source of truth. */
import { singleDbAdmin } from '../service/admin-target.ts';
import { apiPath, ensureSchema } from '../service/api-path.ts';
import { requireDatabaseUrl } from '../service/config.ts';
import { defineDataPath } from '../service/data-path.ts';
import { PgStore } from '../service/store.ts';
import { cacheModes } from './architecture.ts';
import { CachedStore, connectRedis } from './cache.ts';

export const dataPath = defineDataPath({
  roles: ['api'],
  settings: (env, config) => ({
    databaseUrl: requireDatabaseUrl(env, config),
    redisUrl: env.url('REDIS_URL', /^rediss?:\/\//, 'redis://127.0.0.1:6379') ?? '',
    mode: env.oneOf('CACHE_MODE', cacheModes, 'cache-aside'),
    ttlS: env.int('CACHE_TTL_S', 60, 1, 31_536_000),
    /** write-behind: how often dirty items are flushed to Postgres, ms. */
    flushMs: env.int('WRITE_BEHIND_FLUSH_MS', 100, 1, 60_000),
  }),
  describe: (s) => `postgres + redis (${s.mode})`,
  async open(ctx, s) {
    const primary = ctx.db(s.databaseUrl);
    await ensureSchema([primary]);
    const timeoutMs = ctx.config.dbTimeoutMs;
    const store = new CachedStore(
      new PgStore(primary),
      await connectRedis(s.redisUrl, timeoutMs),
      { url: s.redisUrl, mode: s.mode, ttlS: s.ttlS, timeoutMs, flushMs: s.flushMs },
      ctx.metrics,
      ctx.resilience.for('redis'),
    );
    return apiPath(store, singleDbAdmin(primary), ctx.pingMs);
  },
});
