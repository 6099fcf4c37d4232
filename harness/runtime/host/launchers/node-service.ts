/**
 * `service` and `worker`: the harness service (targets/service/main.ts) run by
 * this same Node through tsx — no build step. Both serve `GET /health` on
 * `PORT`; a worker is the same program told so by its env (`spec.env`).
 */
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TargetStartError } from '../../../../model/index.ts';
import { healthUrl, httpProbe } from '../probes.ts';
import { childEnv, type LaunchContext, type Launcher, loopback } from './types.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export const defaultServiceEntry = join(repoRoot, 'targets/service/main.ts');

export interface NodeServiceOptions {
  /** The program to run; default targets/service/main.ts. */
  entry?: string;
}

export function nodeServiceLauncher(options: NodeServiceOptions = {}): Launcher {
  const entry = options.entry ?? defaultServiceEntry;
  return {
    needsPort: true,
    async prepare(ctx: LaunchContext) {
      try {
        await access(entry);
      } catch {
        throw new TargetStartError(`${ctx.instanceId}: the service program ${entry} does not exist`, {
          hint: 'run harness from its own checkout (the service lives in targets/service)',
        });
      }
      // Resolved here, not by the child from its cwd, so any cwd works.
      const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
      const base = `http://${loopback}:${ctx.port}`;
      return {
        host: loopback,
        port: ctx.port,
        url: base,
        process: {
          file: process.execPath,
          args: ['--import', tsx, entry],
          cwd: repoRoot,
          // NODE_OPTIONS of a parent under a test runner or debugger is not meant for the target.
          env: { ...childEnv({ ...ctx.env, PORT: String(ctx.port) }), NODE_OPTIONS: undefined },
          stopSignal: 'SIGTERM',
        },
        probe: httpProbe(healthUrl(base, ctx.spec.health ?? '/health')),
        hint: `the service exited or did not answer GET ${ctx.spec.health ?? '/health'}; check its env (DATABASE_URL, …) and its output above`,
      };
    },
  };
}
