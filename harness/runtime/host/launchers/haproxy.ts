/**
 * `haproxy`: an HTTP load balancer in front of every instance of the
 * components it `uses`, its config generated into the instance's temp dir,
 * in the foreground (`-db`). Ready when `GET /health` through it answers 2xx —
 * so at least one backend is up and checked.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ComponentSpec } from '../../../../model/index.ts';
import { MissingDependencyError } from '../../../../model/index.ts';
import { findOnPath } from '../find-binary.ts';
import { httpProbe } from '../probes.ts';
import {
  checkHaproxySettings,
  type HaproxyServer,
  haproxyConfig,
  haproxySettings,
} from './haproxy-config.ts';
import { childEnv, type LaunchContext, type Launcher, loopback } from './types.ts';

export function haproxyLauncher(): Launcher {
  return {
    needsPort: true,
    async prepare(ctx: LaunchContext) {
      const haproxy = await findOnPath('haproxy');
      if (haproxy === undefined) {
        throw new MissingDependencyError(
          'HAProxy (haproxy)',
          'run `harness setup`, or install it: `apt-get install haproxy`',
        );
      }
      const servers: HaproxyServer[] = [];
      let healthPath: string | undefined;
      for (const name of ctx.spec.uses ?? []) {
        const peer = ctx.component(name);
        for (const instance of peer?.instances ?? []) {
          servers.push({ name: instance.id, host: instance.host, port: instance.port });
        }
        if (peer?.spec.health?.startsWith('/')) healthPath ??= peer.spec.health;
      }
      const dir = await ctx.makeTempDir();
      const config = join(dir, 'haproxy.cfg');
      await writeFile(
        config,
        haproxyConfig({
          settings: haproxySettings(ctx.spec.settings),
          bindHost: loopback,
          port: ctx.port,
          servers,
          healthPath: healthPath ?? '/health',
        }),
      );
      const url = `http://${loopback}:${ctx.port}`;
      return {
        host: loopback,
        port: ctx.port,
        url,
        process: {
          file: haproxy,
          args: ['-db', '-f', config],
          cwd: dir,
          env: childEnv({}),
          // SIGTERM: hard stop, at once; SIGUSR1 would wait for open connections.
          stopSignal: 'SIGTERM',
        },
        probe: httpProbe(`${url}${healthPath ?? '/health'}`),
        hint: `check the config: haproxy -c -f ${config} — and that a backend answers GET ${healthPath ?? '/health'} with 200`,
      };
    },
    validate(spec: ComponentSpec, at: string) {
      const problems = checkHaproxySettings(spec.settings, at);
      if ((spec.uses ?? []).length === 0)
        problems.push({ path: `${at}.uses`, message: 'name the components to balance over' });
      return problems;
    },
  };
}
