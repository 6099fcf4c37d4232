/**
 * A launcher's ProcessSpec as a container: the same command, args, env and
 * cwd — run by the host's own binaries, which the empty image gets through
 * read-only bind mounts of the host's system dirs. Every path a launcher
 * wrote into the spec (data dirs, configs, sockets, the service's code)
 * is mounted at the same path inside, so nothing in the spec is rewritten:
 *
 * - the instance's temp dirs (`LaunchContext.makeTempDir`), read-write:
 *   its Postgres data dir, HAProxy/NATS configs, NATS's JetStream store;
 * - the harness checkout, read-only: the service's code and node_modules;
 * - the program's directory and the cwd, read-only, if nothing covers them.
 *
 * A container runs as the uid:gid the spec asks for (Postgres refuses root),
 * else as harness's own — as the local runtime runs it. /tmp and /run are
 * tmpfs: the image has no writable dir of its own for a non-root user.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProcessSpec } from '../host/managed-process.ts';

export interface BindMount {
  source: string;
  target: string;
  mode: 'ro' | 'rw';
}

export interface ContainerSpec {
  /** argv: the program first. The image has no entrypoint. */
  command: string[];
  env: Record<string, string>;
  /** Numeric `uid:gid`: the image has no /etc/passwd of its own to look names up in. */
  user: string;
  workingDir: string;
  binds: BindMount[];
  /** mount point → tmpfs options */
  tmpfs: Record<string, string>;
}

/** The host dirs that hold its programs, libraries and configuration (/etc: users, CA certs, resolver). */
export const hostSystemDirs = ['/usr', '/lib', '/lib64', '/bin', '/sbin', '/etc'];

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function containerSpec(opts: {
  process: ProcessSpec;
  /** The instance's own temp dirs, mounted read-write. */
  dirs: readonly string[];
  /** Env tags (HARNESS_RUN_ID …): `harness clean` finds container processes by them too. */
  tags: Record<string, string>;
  /** Which of `hostSystemDirs` exist here (default: checked on this machine). */
  systemDirs?: readonly string[];
  self?: { uid: number; gid: number };
}): ContainerSpec {
  const spec = opts.process;
  const binds: BindMount[] = (opts.systemDirs ?? hostSystemDirs.filter((d) => existsSync(d))).map((dir) => ({
    source: dir,
    target: dir,
    mode: 'ro',
  }));
  const covered = (path: string) =>
    path === '/' || binds.some((b) => path === b.target || path.startsWith(`${b.target}/`));
  for (const dir of opts.dirs) binds.push({ source: dir, target: dir, mode: 'rw' });
  for (const dir of [repoRoot, dirname(spec.file), spec.cwd]) {
    if (dir !== undefined && !covered(dir)) binds.push({ source: dir, target: dir, mode: 'ro' });
  }

  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...spec.env, ...opts.tags })) {
    if (value !== undefined) env[key] = value;
  }
  // The host's HOME and TMPDIR may not exist inside; /tmp is the container's own tmpfs.
  env.HOME = '/tmp';
  env.TMPDIR = '/tmp';

  const self = opts.self ?? { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  return {
    command: [spec.file, ...spec.args],
    env,
    user: `${spec.uid ?? self.uid}:${spec.gid ?? self.gid}`,
    workingDir: spec.cwd ?? '/',
    binds,
    tmpfs: { '/tmp': 'rw,mode=1777', '/run': 'rw,mode=755', '/var/tmp': 'rw,mode=1777' },
  };
}
