/**
 * Cached data paths over Redis, wrapping the Postgres store:
 * - cache-aside: read cache → on miss read Postgres and fill (TTL); write Postgres, then delete the key.
 * - write-through: write Postgres, then set the key (only if newer than what is cached).
 * - write-behind: write the cache and acknowledge; a flusher moves dirty items to Postgres in
 *   batches. Acknowledged writes still in Redis are lost if Redis dies — which /admin/verify shows.
 * A failing cache read falls back to Postgres; a failing invalidation is counted, and the
 * entry may stay stale until its TTL. With a resilience policy (`policy`), Redis calls go
 * through it: an open breaker sends reads straight to Postgres without touching Redis.
 */
import { Redis } from 'ioredis';
import { DependencyError, withTimeout } from '../service/errors.ts';
import type { ServiceMetrics } from '../service/metrics.ts';
import type { DependencyPolicy } from '../service/resilience/policy.ts';
import type { Item, ItemStore, Order, PgStore } from '../service/store.ts';
import type { CacheMode } from './architecture.ts';

const dirtyKey = 'items:dirty';
const itemKey = (id: number): string => `item:${id}`;

// KEYS[1] item key; ARGV: json, version, ttl. Sets only when the cached version is older (or absent).
const setIfNewerLua = `
local cur = redis.call('GET', KEYS[1])
if cur then
  local ok, o = pcall(cjson.decode, cur)
  if ok and tonumber(o.version) >= tonumber(ARGV[2]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
return 1`;

// KEYS[1] item key, KEYS[2] dirty set; ARGV: value, ttl, id. Returns the new version, or -1 if not cached.
const writeBehindPutLua = `
local cur = redis.call('GET', KEYS[1])
if not cur then return -1 end
local o = cjson.decode(cur)
o.version = o.version + 1
o.value = ARGV[1]
redis.call('SET', KEYS[1], cjson.encode(o), 'EX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
return o.version`;

interface ScriptedRedis extends Redis {
  setIfNewer(key: string, json: string, version: number, ttl: number): Promise<number>;
  writeBehindPut(key: string, dirty: string, value: string, ttl: number, id: number): Promise<number>;
}

export interface CacheOptions {
  url: string;
  mode: CacheMode;
  ttlS: number;
  timeoutMs: number;
  flushMs: number;
}

export async function connectRedis(url: string, timeoutMs: number): Promise<ScriptedRedis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail fast while disconnected instead of queueing requests behind a dead server.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: timeoutMs,
    connectTimeout: timeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  }) as ScriptedRedis;
  let lastLog = 0;
  redis.on('error', (err: Error) => {
    const now = Date.now();
    if (now - lastLog > 5_000) console.error(`[service] redis: ${err.message}`);
    lastLog = now;
  });
  redis.defineCommand('setIfNewer', { numberOfKeys: 1, lua: setIfNewerLua });
  redis.defineCommand('writeBehindPut', { numberOfKeys: 2, lua: writeBehindPutLua });
  await redis
    .connect()
    .catch((err: Error) => console.error(`[service] redis not reachable yet: ${err.message}`));
  return redis;
}

export class CachedStore implements ItemStore {
  readonly #pg: PgStore;
  readonly #redis: ScriptedRedis;
  readonly #opts: CacheOptions;
  readonly #metrics: ServiceMetrics;
  readonly #policy: DependencyPolicy | undefined;
  #flushTimer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;

  constructor(
    pg: PgStore,
    redis: ScriptedRedis,
    opts: CacheOptions,
    metrics: ServiceMetrics,
    policy?: DependencyPolicy,
  ) {
    this.#pg = pg;
    this.#policy = policy;
    this.#redis = redis;
    this.#opts = opts;
    this.#metrics = metrics;
    if (opts.mode === 'write-behind') {
      this.#flushTimer = setInterval(() => void this.flush(), opts.flushMs);
    }
  }

  async getItem(id: number): Promise<Item | undefined> {
    const key = itemKey(id);
    try {
      const cached = await this.#call(() => this.#redis.get(key), true);
      if (cached !== null) {
        const item = JSON.parse(cached) as Item;
        if (item.version > 0) {
          this.#metrics.cacheHits.inc();
          return { id: item.id, value: item.value, version: item.version };
        }
      }
    } catch (err) {
      this.#cacheError('get', err);
    }
    this.#metrics.cacheMisses.inc();
    const item = await this.#pg.getItem(id);
    if (item !== undefined) {
      const args = ['EX', this.#opts.ttlS] as const;
      // write-behind: never overwrite a (possibly dirty) entry with what Postgres has.
      const fill = this.#call(
        () =>
          this.#opts.mode === 'write-behind'
            ? this.#redis.set(key, JSON.stringify(item), ...args, 'NX')
            : this.#redis.set(key, JSON.stringify(item), ...args),
        true,
      );
      await fill.catch((err: unknown) => this.#cacheError('fill', err));
    }
    return item;
  }

  async putItem(id: number, value: string): Promise<number> {
    const key = itemKey(id);
    if (this.#opts.mode === 'write-behind') return this.#putBehind(id, value);
    const version = await this.#pg.putItem(id, value);
    try {
      if (this.#opts.mode === 'write-through') {
        const json = JSON.stringify({ id, value, version });
        await this.#call(() => this.#redis.setIfNewer(key, json, version, this.#opts.ttlS), true);
      } else {
        await this.#call(() => this.#redis.del(key), true);
      }
    } catch (err) {
      this.#cacheError(this.#opts.mode === 'write-through' ? 'set' : 'invalidate', err);
    }
    return version;
  }

  async #putBehind(id: number, value: string): Promise<number> {
    const key = itemKey(id);
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        // Bumps the version: not idempotent, never retried.
        const version = await this.#call(
          () => this.#redis.writeBehindPut(key, dirtyKey, value, this.#opts.ttlS, id),
          false,
        );
        if (version > 0) return version;
        // Not cached: load the current version from Postgres (0 = new item) without clobbering a racer.
        const base = (await this.#pg.getItem(id)) ?? { id, value: '', version: 0 };
        await this.#call(() => this.#redis.set(key, JSON.stringify(base), 'EX', this.#opts.ttlS, 'NX'), true);
      }
    } catch (err) {
      if (err instanceof DependencyError) throw err;
      this.#cacheError('write-behind', err);
      throw new DependencyError('redis', err);
    }
    throw new DependencyError('redis', new Error(`item ${id} kept vanishing from the cache`));
  }

  async createOrder(itemId: number, qty: number): Promise<number | undefined> {
    // write-behind: the item may exist only in the cache so far.
    if (this.#opts.mode === 'write-behind') {
      const cached = await this.#call(() => this.#redis.exists(itemKey(itemId)), true).catch(
        (err: unknown) => {
          this.#cacheError('exists', err);
          return 0;
        },
      );
      if (cached === 1) return this.#pg.createOrder(itemId, qty, true);
    }
    return this.#pg.createOrder(itemId, qty);
  }

  getOrder(id: number): Promise<Order | undefined> {
    return this.#pg.getOrder(id);
  }

  async ping(timeoutMs: number): Promise<void> {
    await Promise.all([
      this.#pg.ping(timeoutMs),
      withTimeout(
        this.#redis.ping().catch((err: unknown) => {
          throw new DependencyError('redis', err);
        }),
        timeoutMs,
        'redis',
      ),
    ]);
  }

  async reset(): Promise<void> {
    await this.#flushing;
    await this.#redis.flushdb().catch((err: unknown) => {
      throw new DependencyError('redis', err);
    });
  }

  /** A flush that fails (Redis or Postgres down) leaves its writes unflushed: verify then reports them. */
  async settle(): Promise<void> {
    if (this.#opts.mode === 'write-behind') {
      await this.#flushing;
      await this.flush();
    }
  }

  /** write-behind: moves dirty items to Postgres until none are left (or a step fails). */
  flush(): Promise<void> {
    this.#flushing ??= this.#flushAll().finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  async #flushAll(): Promise<void> {
    const batch = 500;
    for (;;) {
      let ids: string[];
      try {
        ids = await this.#call(() => this.#redis.spop(dirtyKey, batch), false);
      } catch (err) {
        this.#cacheError('flush', err);
        return;
      }
      if (ids.length === 0) return;
      try {
        const keys = ids.map((id) => itemKey(Number(id)));
        const values = await this.#call(() => this.#redis.mget(keys), true);
        // An entry that expired before its flush is gone: that write is lost (and verify will say so).
        const items = values.flatMap((v) => (v === null ? [] : [JSON.parse(v) as Item]));
        await this.#pg.applyItems(items.filter((i) => i.version > 0));
        this.#metrics.writeBehindFlushed.inc(items.length);
      } catch (err) {
        this.#cacheError('flush', err);
        await this.#redis.sadd(dirtyKey, ...ids).catch(() => {});
        return;
      }
      if (ids.length < batch) return;
    }
  }

  async close(): Promise<void> {
    if (this.#flushTimer !== undefined) clearInterval(this.#flushTimer);
    if (this.#opts.mode === 'write-behind') {
      await this.#flushing;
      await this.flush();
    }
    await this.#redis.quit().catch(() => this.#redis.disconnect());
    await this.#pg.close();
  }

  /** A Redis call through the resilience policy, if any; `idempotent` calls may be retried. */
  #call<T>(fn: () => Promise<T>, idempotent: boolean): Promise<T> {
    return this.#policy === undefined ? fn() : this.#policy.run(fn, { idempotent });
  }

  /** Cache failures are counted, not fatal; ioredis' error listener logs the cause. */
  #cacheError(operation: string, _err: unknown): void {
    this.#metrics.cacheErrors.inc({ operation });
  }
}
