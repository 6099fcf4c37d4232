/**
 * `postgres`: a private cluster per instance in the run's temp dir, listening
 * on 127.0.0.1 only — TCP alone, no Unix socket: every client (the services,
 * probes, pg_basebackup, fault proxies) connects over TCP, and a socket path
 * inside the run's temp dir outgrows the 107-byte limit with a long scenario
 * name (`/tmp/harness-<run id>-…/payment-db-0-…/sock/.s.PGSQL.<port>`).
 * Stopped with SIGINT, Postgres's fast shutdown.
 *
 * With `replicaOf`, each instance is a hot standby streaming from the first
 * instance of that component: a base backup of it instead of a fresh data
 * dir, and the primary's settings under its own (a standby refuses to start
 * with fewer connections, senders or locks than its primary).
 */
import { chown } from 'node:fs/promises';
import { join } from 'node:path';
import type { ComponentSpec, InputProblem } from '../../../../model/index.ts';
import { postgresProbe, postgresReplicaProbe } from '../probes.ts';
import { type RunAs, unprivilegedUser } from '../run-as.ts';
import { createDataDir, findPostgres, type PostgresBinaries } from './postgres-data-dir.ts';
import {
  allowReplication,
  baseBackup,
  replicationSettings,
  slotName,
  standbySettings,
} from './postgres-replica.ts';
import { childEnv, type LaunchContext, type Launcher, loopback, settingValue } from './types.ts';

export interface PostgresLauncherOptions {
  /** Copy a cached `initdb` template (default) instead of running `initdb` per instance. */
  templateCache?: boolean;
}

type Settings = Record<string, string | number | boolean>;

export function postgresLauncher(options: PostgresLauncherOptions = {}): Launcher {
  return {
    needsPort: true,
    async prepare(ctx: LaunchContext) {
      const bins = await findPostgres();
      const owner = await unprivilegedUser();
      const dir = await ctx.makeTempDir();
      const data = join(dir, 'data');
      if (owner !== undefined) await chown(dir, owner.uid, owner.gid);
      const replica = ctx.spec.replicaOf !== undefined;
      const settings = replica
        ? await makeStandby(ctx, bins, data, owner)
        : await makePrimary(ctx, bins, data, owner, options.templateCache ?? true);

      const args = Object.entries(settings).flatMap(([key, value]) => [
        '-c',
        `${key}=${settingValue(value, ['on', 'off'])}`,
      ]);
      const url = `postgres://harness@${loopback}:${ctx.port}/harness`;
      return {
        host: loopback,
        port: ctx.port,
        url,
        process: {
          file: join(bins.bin, 'postgres'),
          args: ['-D', data, '-p', String(ctx.port), '-k', '', ...args],
          cwd: dir,
          env: childEnv({}),
          stopSignal: 'SIGINT',
          ...(owner === undefined ? {} : { uid: owner.uid, gid: owner.gid }),
        },
        probe: replica ? postgresReplicaProbe(url) : postgresProbe(url),
        hint: replica
          ? `a standby needs its primary "${ctx.spec.replicaOf}" running and settings no lower than the primary's; its log is above`
          : `check the settings of component "${ctx.spec.name}" (each becomes \`postgres -c key=value\`); its log is above`,
      };
    },
    validate(spec: ComponentSpec, at: string): InputProblem[] {
      if (spec.replicaOf !== undefined && spec.settings?.hot_standby === false) {
        return [{ path: `${at}.settings.hot_standby`, message: 'a replica is a hot standby: leave it on' }];
      }
      return [];
    },
  };
}

/** A fresh data dir that lets standbys in; the settings to start it with. */
async function makePrimary(
  ctx: LaunchContext,
  bins: PostgresBinaries,
  data: string,
  owner: RunAs | undefined,
  useCache: boolean,
): Promise<Settings> {
  const began = Date.now();
  const how = await createDataDir(bins, data, { owner, useCache });
  await allowReplication(data);
  ctx.log(`${ctx.instanceId} data dir by ${how} in ${Date.now() - began} ms`);
  return { listen_addresses: loopback, ...replicationSettings, ...ctx.spec.settings };
}

/** A base backup of the primary's first instance; its settings, then a standby's, then our own. */
async function makeStandby(
  ctx: LaunchContext,
  bins: PostgresBinaries,
  data: string,
  owner: RunAs | undefined,
): Promise<Settings> {
  const primaryName = ctx.spec.replicaOf ?? '';
  const primary = ctx.component(primaryName);
  const source = primary?.instances[0];
  if (primary === undefined || source === undefined) {
    throw new Error(`${ctx.instanceId}: its primary "${primaryName}" is not started`);
  }
  const began = Date.now();
  await baseBackup(bins, {
    primaryPort: source.port,
    target: data,
    slot: slotName(ctx.spec.name, ctx.index),
    owner,
    tags: {
      HARNESS_RUN_ID: ctx.runId,
      HARNESS_OWNER_PID: String(process.pid),
      HARNESS_INSTANCE: ctx.instanceId,
    },
    signal: ctx.signal,
  });
  ctx.log(`${ctx.instanceId} base backup of ${source.id} in ${Date.now() - began} ms`);
  return {
    listen_addresses: loopback,
    ...replicationSettings,
    ...primary.spec.settings,
    ...standbySettings,
    ...ctx.spec.settings,
  };
}
