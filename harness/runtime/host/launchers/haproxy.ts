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
import { haproxyBalancer } from './haproxy-balancer.ts';
import {
  checkHaproxySettings,
  type HaproxyConfigInput,
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
      const input: HaproxyConfigInput = {
        settings: haproxySettings(ctx.spec.settings),
        statsSocket: statsSocket(dir, ctx.runId, ctx.instanceId),
        bindHost: loopback,
        port: ctx.port,
        servers,
        healthPath: healthPath ?? '/health',
      };
      await writeFile(config, haproxyConfig(input));
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
        balancer: haproxyBalancer({
          socket: socketPath(input.statsSocket!),
          configFile: config,
          config: input,
          over: ctx.spec.uses ?? [],
          log: ctx.log,
        }),
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

/** Longest Unix socket path Linux takes (sun_path is 108 bytes with its NUL). */
const maxSocketPath = 107;

/**
 * The runtime API socket: a file in the instance's own dir (mode 600: only
 * this user may reconfigure the balancer) — or, when a long TMPDIR makes that
 * path too long for a Unix socket, an abstract one named after the run.
 */
function statsSocket(dir: string, runId: string, instance: string): string {
  const file = join(dir, 'admin.sock');
  return Buffer.byteLength(file) <= maxSocketPath ? file : `abns@harness-${runId}-${instance}`.slice(0, 100);
}

/** The address Node connects to for `statsSocket`'s value (`\0name` for an abstract socket). */
function socketPath(socket: string): string {
  return socket.startsWith('abns@') ? `\0${socket.slice('abns@'.length)}` : socket;
}
