/**
 * `redis`: no persistence (`--save ''`, no AOF) — a cache under test, not a
 * store — with its working dir in the run's temp dir.
 */
import { MissingDependencyError } from '../../../../model/index.ts';
import { findOnPath } from '../find-binary.ts';
import { redisProbe } from '../probes.ts';
import { childEnv, type LaunchContext, type Launcher, loopback, settingValue } from './types.ts';

export function redisLauncher(): Launcher {
  return {
    needsPort: true,
    async prepare(ctx: LaunchContext) {
      const server = await findOnPath('redis-server');
      if (server === undefined) {
        throw new MissingDependencyError(
          'Redis (redis-server)',
          'run `harness setup`, or install it: `apt-get install redis-server`',
        );
      }
      const dir = await ctx.makeTempDir();
      const settings = Object.entries(ctx.spec.settings ?? {}).flatMap(([key, value]) => [
        `--${key}`,
        settingValue(value, ['yes', 'no']),
      ]);
      return {
        host: loopback,
        port: ctx.port,
        url: `redis://${loopback}:${ctx.port}`,
        process: {
          file: server,
          // Settings last: on the command line a later value wins.
          args: [
            '--port',
            String(ctx.port),
            '--bind',
            loopback,
            '--save',
            '',
            '--appendonly',
            'no',
            '--daemonize',
            'no',
            '--dir',
            dir,
            ...settings,
          ],
          cwd: dir,
          env: childEnv({}),
          stopSignal: 'SIGTERM',
        },
        probe: redisProbe(loopback, ctx.port),
        hint: `check the settings of component "${ctx.spec.name}" (each becomes \`--key value\`); its log is above`,
      };
    },
  };
}
