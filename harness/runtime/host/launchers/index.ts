/**
 * The launchers by component kind: one explicit map, nothing registered as a
 * side effect of an import. A new kind is one file and one line here.
 */
import type { ComponentKind } from '../../../../model/index.ts';
import { commandLauncher } from './command.ts';
import { externalLauncher } from './external.ts';
import { haproxyLauncher } from './haproxy.ts';
import { natsLauncher } from './nats.ts';
import { nodeServiceLauncher } from './node-service.ts';
import { postgresLauncher } from './postgres.ts';
import { redisLauncher } from './redis.ts';
import type { Launcher } from './types.ts';

export interface LauncherOptions {
  /** Program run for `service` and `worker` (default targets/service/main.ts). */
  serviceEntry?: string;
  /** Postgres data dirs from a cached template (default true). */
  postgresTemplateCache?: boolean;
}

export type LauncherFactory = (options: LauncherOptions) => Launcher;

export const launchers: Partial<Record<ComponentKind, LauncherFactory>> = {
  postgres: (o) => postgresLauncher({ templateCache: o.postgresTemplateCache ?? true }),
  redis: () => redisLauncher(),
  haproxy: () => haproxyLauncher(),
  nats: () => natsLauncher(),
  service: (o) => nodeServiceLauncher(o.serviceEntry === undefined ? {} : { entry: o.serviceEntry }),
  worker: (o) => nodeServiceLauncher(o.serviceEntry === undefined ? {} : { entry: o.serviceEntry }),
  command: () => commandLauncher(),
  external: () => externalLauncher(),
};

export type { LaunchContext, Launcher, PreparedInstance } from './types.ts';
