import { describe, expect, it } from 'vitest';
import { containerSpec, repoRoot } from './container-spec.ts';

const postgres = {
  file: '/usr/lib/postgresql/15/bin/postgres',
  args: ['-D', '/tmp/harness-r1-aaaaaa/postgres-0-bbbbbb/data', '-p', '5433'],
  cwd: '/tmp/harness-r1-aaaaaa/postgres-0-bbbbbb',
  env: { PATH: '/usr/bin:/bin', HOME: '/root', UNSET: undefined },
  uid: 101,
  gid: 104,
  stopSignal: 'SIGINT' as const,
};

describe('containerSpec', () => {
  it('runs the same argv as the launcher, as the uid:gid it asks for', () => {
    const spec = containerSpec({
      process: postgres,
      dirs: ['/tmp/harness-r1-aaaaaa/postgres-0-bbbbbb'],
      tags: { HARNESS_RUN_ID: 'r1' },
      systemDirs: ['/usr', '/etc'],
      self: { uid: 0, gid: 0 },
    });
    expect(spec.command).toEqual([postgres.file, ...postgres.args]);
    expect(spec.user).toBe('101:104');
    expect(spec.workingDir).toBe(postgres.cwd);
  });

  it('mounts the host system dirs read-only and the instance dirs read-write, at the same paths', () => {
    const dir = '/tmp/harness-r1-aaaaaa/postgres-0-bbbbbb';
    const { binds } = containerSpec({
      process: postgres,
      dirs: [dir],
      tags: {},
      systemDirs: ['/usr', '/etc'],
    });
    expect(binds).toContainEqual({ source: '/usr', target: '/usr', mode: 'ro' });
    expect(binds).toContainEqual({ source: '/etc', target: '/etc', mode: 'ro' });
    expect(binds).toContainEqual({ source: dir, target: dir, mode: 'rw' });
    expect(binds).toContainEqual({ source: repoRoot, target: repoRoot, mode: 'ro' });
    // The program lives under /usr and the cwd is an instance dir: no extra mounts for them.
    expect(binds).toHaveLength(4);
  });

  it('mounts a program dir and a cwd that nothing else covers, read-only', () => {
    const { binds } = containerSpec({
      process: { ...postgres, file: '/opt/tool/bin/server', cwd: '/srv/app' },
      dirs: [],
      tags: {},
      systemDirs: ['/usr'],
    });
    expect(binds).toContainEqual({ source: '/opt/tool/bin', target: '/opt/tool/bin', mode: 'ro' });
    expect(binds).toContainEqual({ source: '/srv/app', target: '/srv/app', mode: 'ro' });
  });

  it('runs as harness itself when the launcher names no user', () => {
    const { uid: _uid, gid: _gid, ...redis } = postgres;
    expect(containerSpec({ process: redis, dirs: [], tags: {}, self: { uid: 1000, gid: 1000 } }).user).toBe(
      '1000:1000',
    );
  });

  it('keeps the env, adds the run tags, drops unset values, and points HOME and TMPDIR at its tmpfs', () => {
    const spec = containerSpec({
      process: postgres,
      dirs: [],
      tags: { HARNESS_RUN_ID: 'r1' },
      systemDirs: [],
    });
    expect(spec.env).toEqual({ PATH: '/usr/bin:/bin', HOME: '/tmp', TMPDIR: '/tmp', HARNESS_RUN_ID: 'r1' });
    expect(Object.keys(spec.tmpfs)).toContain('/tmp');
  });
});
