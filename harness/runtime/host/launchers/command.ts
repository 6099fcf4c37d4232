/**
 * `command`: the user's own service, `sh -c <command>` in `cwd` with `PORT`
 * set. Ready when its health URL answers 2xx, or when its port accepts a
 * connection if it has none.
 */
import { resolve } from 'node:path';
import { healthUrl, httpProbe, tcpProbe } from '../probes.ts';
import { childEnv, type LaunchContext, type Launcher, loopback } from './types.ts';

export function commandLauncher(): Launcher {
  return {
    needsPort: true,
    async prepare(ctx: LaunchContext) {
      const command = ctx.spec.command ?? '';
      const base = `http://${loopback}:${ctx.port}`;
      const health = ctx.spec.health;
      return {
        host: loopback,
        port: ctx.port,
        url: base,
        process: {
          file: '/bin/sh',
          args: ['-c', command],
          cwd: resolve(ctx.spec.cwd ?? '.'),
          env: childEnv({ ...ctx.env, PORT: String(ctx.port) }),
          stopSignal: 'SIGTERM',
        },
        probe: health === undefined ? tcpProbe(loopback, ctx.port) : httpProbe(healthUrl(base, health)),
        hint: `run it by hand to see why: cd ${ctx.spec.cwd ?? '.'} && PORT=${ctx.port} sh -c ${shellQuote(command)}`,
      };
    },
  };
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
