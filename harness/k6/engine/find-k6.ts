/**
 * The k6 binary harness runs with `--engine k6`: `K6_BIN` when set (it must
 * be executable), else `k6` on PATH; and the version it reports. Missing:
 * a MissingDependencyError (exit 5) with a hint, before anything starts.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';
import { MissingDependencyError } from '../../../model/index.ts';
import { findOnPath } from '../../runtime/host/find-binary.ts';

export interface K6Binary {
  path: string;
  /** `v0.48.0`, as `k6 version` says it. */
  version: string;
}

export const K6_HINT =
  'install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/) or point K6_BIN at its binary; without it, use the built-in engine (--engine http)';

/** Where k6 is, or undefined. */
export async function locateK6(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const explicit = env.K6_BIN;
  if (explicit !== undefined && explicit !== '') {
    try {
      await access(explicit, constants.X_OK);
      return explicit;
    } catch {
      return undefined;
    }
  }
  return findOnPath('k6');
}

/** The binary and its version; throws MissingDependencyError when there is none that answers. */
export async function findK6(env: NodeJS.ProcessEnv = process.env): Promise<K6Binary> {
  const path = await locateK6(env);
  const what = env.K6_BIN ? `k6 (K6_BIN=${env.K6_BIN})` : 'k6';
  if (path === undefined) throw new MissingDependencyError(what, K6_HINT);
  try {
    const { stdout } = await promisify(execFile)(path, ['version'], { timeout: 10_000 });
    return { path, version: /v\d+\.\d+\.\d+\S*/.exec(stdout)?.[0] ?? stdout.trim() };
  } catch {
    throw new MissingDependencyError(`${what} (${path} does not run \`k6 version\`)`, K6_HINT);
  }
}
