/**
 * The data path seam. Each architecture's folder has a `data-path.ts` whose
 * `dataPath` this process runs when DATA_PATH names it (see
 * targets/architectures.ts): it reads its own settings from the env, says in
 * one line what it is, and opens — which stores back the routes, what /admin
 * seeds and verifies against, and what has to be closed on shutdown.
 * Every API role serves the same routes (/health, items, orders, /admin/*);
 * /metrics is added by app.ts for every role.
 */
import type { ServiceConfig } from './config.ts';
import type { Db } from './db.ts';
import type { EnvReader } from './env-reader.ts';
import type { Router } from './http.ts';
import type { ServiceMetrics } from './metrics.ts';
import type { Resilience } from './resilience/policy.ts';

export interface DataPath {
  /** Registers the routes this process serves (all but /metrics). */
  routes(router: Router): void;
  close(): Promise<void>;
}

export interface DataPathContext {
  config: ServiceConfig;
  metrics: ServiceMetrics;
  /** One policy per dependency, named like its pool: primary, replica-N, shard-N; redis; nats. */
  resilience: Resilience;
  /** A Postgres pool with its resilience policy; `name` labels it in /metrics (default `primary`). */
  db(url: string, name?: string): Db;
  /** How long /health waits for each dependency, ms. */
  pingMs: number;
}

export interface DataPathModule<S = unknown> {
  /** The ROLE values this data path runs; the first is the default (`api`). */
  roles: readonly string[];
  /** Reads this data path's own env; problems go on the reader, all reported at once. */
  settings(env: EnvReader, config: ServiceConfig): S;
  /** One line for the start-up log. */
  describe(settings: S, config: ServiceConfig): string;
  open(ctx: DataPathContext, settings: S): Promise<DataPath>;
}

/** Identity, for typing: a data path with its own settings type, stored under the erased one. */
export function defineDataPath<S>(module: DataPathModule<S>): DataPathModule {
  return module as unknown as DataPathModule;
}
