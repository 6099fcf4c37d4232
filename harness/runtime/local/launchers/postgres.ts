/**
 * `postgres`: a private cluster per instance in the run's temp dir, listening
 * on 127.0.0.1 only, its Unix socket in the same temp dir (never /var/run).
 * Stopped with SIGINT, Postgres's fast shutdown.
 */
import { chown, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { postgresProbe } from '../probes.ts';
import { unprivilegedUser } from '../run-as.ts';
import { createDataDir, findPostgres } from './postgres-data-dir.ts';
import { childEnv, type LaunchContext, type Launcher, loopback, settingValue } from './types.ts';

export interface PostgresLauncherOptions {
  /** Copy a cached `initdb` template (default) instead of running `initdb` per instance. */
  templateCache?: boolean;
}

export function postgresLauncher(options: PostgresLauncherOptions = {}): Launcher {
  return {
    needsPort: true,
    async prepare(ctx: LaunchContext) {
      const bins = await findPostgres();
      const owner = await unprivilegedUser();
      const dir = await ctx.makeTempDir();
      const data = join(dir, 'data');
      const socketDir = join(dir, 'sock');
      await mkdir(socketDir);
      if (owner !== undefined) {
        await chown(dir, owner.uid, owner.gid);
        await chown(socketDir, owner.uid, owner.gid);
      }
      const began = Date.now();
      const how = await createDataDir(bins, data, { owner, useCache: options.templateCache ?? true });
      ctx.log(`${ctx.instanceId} data dir by ${how} in ${Date.now() - began} ms`);

      const settings = Object.entries(ctx.spec.settings ?? {}).flatMap(([key, value]) => [
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
          args: [
            '-D',
            data,
            '-p',
            String(ctx.port),
            '-k',
            socketDir,
            '-c',
            `listen_addresses=${loopback}`,
            ...settings,
          ],
          cwd: dir,
          env: childEnv({}),
          stopSignal: 'SIGINT',
          ...(owner === undefined ? {} : { uid: owner.uid, gid: owner.gid }),
        },
        probe: postgresProbe(url),
        hint: `check the settings of component "${ctx.spec.name}" (each becomes \`postgres -c key=value\`); its log is above`,
      };
    },
  };
}
