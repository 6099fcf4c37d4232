/**
 * `nats`: a NATS server with JetStream (file storage in the instance's temp
 * dir, so a restart keeps its streams), its config file generated there too.
 * A second port serves HTTP monitoring; ready when `/healthz` answers 200
 * (with JetStream: once JetStream is up).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ComponentSpec, InputProblem } from '../../../../model/index.ts';
import { MissingDependencyError } from '../../../../model/index.ts';
import { findOnPath } from '../find-binary.ts';
import { freePort } from '../free-port.ts';
import { httpProbe } from '../probes.ts';
import { childEnv, type LaunchContext, type Launcher, loopback } from './types.ts';

const known = ['jetstream'];

export function natsLauncher(): Launcher {
  return {
    needsPort: true,
    async prepare(ctx: LaunchContext) {
      const server = await findOnPath('nats-server');
      if (server === undefined) {
        throw new MissingDependencyError(
          'NATS (nats-server)',
          'run `harness setup`, or install it: `apt-get install nats-server`',
        );
      }
      const jetstream = ctx.spec.settings?.jetstream !== false;
      const monitorPort = await freePort();
      const dir = await ctx.makeTempDir();
      const config = join(dir, 'nats.conf');
      const lines = [
        `listen: "${loopback}:${ctx.port}"`,
        `http: "${loopback}:${monitorPort}"`,
        `server_name: "${ctx.instanceId}"`,
        ...(jetstream ? [`jetstream: { store_dir: ${JSON.stringify(join(dir, 'store'))} }`] : []),
        '',
      ];
      await writeFile(config, lines.join('\n'));
      return {
        host: loopback,
        port: ctx.port,
        url: `nats://${loopback}:${ctx.port}`,
        process: {
          file: server,
          args: ['-c', config],
          cwd: dir,
          env: childEnv({}),
          // SIGTERM: a clean shutdown that flushes JetStream's files.
          stopSignal: 'SIGTERM',
        },
        probe: httpProbe(
          `http://${loopback}:${monitorPort}/healthz${jetstream ? '?js-enabled-only=true' : ''}`,
        ),
        hint: `run it by hand to see why: ${server} -c ${config}`,
      };
    },
    validate(spec: ComponentSpec, at: string): InputProblem[] {
      const problems: InputProblem[] = [];
      for (const [key, value] of Object.entries(spec.settings ?? {})) {
        if (!known.includes(key))
          problems.push({
            path: `${at}.settings.${key}`,
            message: `unknown setting; known: ${known.join(', ')}`,
          });
        else if (typeof value !== 'boolean')
          problems.push({ path: `${at}.settings.${key}`, message: 'must be true or false' });
      }
      return problems;
    },
  };
}
