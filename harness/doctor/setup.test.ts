import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessError, InvalidInputError } from '../../model/index.ts';
import { isDebianLike, parseOsRelease } from './os-release.ts';
import { setup } from './setup.ts';
import type { ToolStatus } from './types.ts';

const DEBIAN =
  'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\nPRETTY_NAME="Fedora Linux 40 (Workstation Edition)"\n';

function status(name: string, debianPackage: string, installed: boolean, present = installed): ToolStatus {
  return {
    name,
    purpose: '',
    debianPackage,
    requiredFor: [],
    present,
    ...(installed ? { path: `/usr/bin/${name}`, version: '1.0.0' } : {}),
  };
}

const STATUSES = [
  status('node', 'nodejs', true),
  status('postgres', 'postgresql', true),
  status('redis-server', 'redis-server', false),
  status('wrk', 'wrk', false),
  status('docker', 'docker.io', true, false),
];

describe('setup (dry run)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'harness-setup-'));
    await writeFile(join(dir, 'debian'), DEBIAN);
    await writeFile(join(dir, 'fedora'), FEDORA);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('plans apt-get update and install of the missing packages only', async () => {
    const lines: string[] = [];
    const installed = await setup({
      dryRun: true,
      log: (l) => lines.push(l),
      statuses: STATUSES,
      osReleasePath: join(dir, 'debian'),
    });
    expect(installed).toEqual(['redis-server', 'wrk']);
    const commands = lines.filter((l) => l.startsWith('$ '));
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/apt-get update$/);
    expect(commands[1]).toMatch(/apt-get install -y --no-install-recommends redis-server wrk$/);
    if (process.getuid?.() !== 0)
      expect(commands[0]).toMatch(/^\$ sudo -n env DEBIAN_FRONTEND=noninteractive /);
    expect(lines.some((l) => l.startsWith('! docker'))).toBe(true);
    expect(lines.at(-1)).toBe('Dry run: would install redis-server wrk');
  });

  it('on a systemd host, disables the system services of the packages it just installed, and only those', async () => {
    const statuses = [
      status('postgres', 'postgresql', true),
      status('haproxy', 'haproxy', false),
      status('nats-server', 'nats-server', false),
      status('wrk', 'wrk', false),
    ];
    const opts = { dryRun: true, statuses, osReleasePath: join(dir, 'debian') };
    const lines: string[] = [];
    await setup({ ...opts, systemd: true, log: (l) => lines.push(l) });
    const commands = lines.filter((l) => l.startsWith('$ '));
    expect(commands.slice(2)).toEqual([
      expect.stringMatching(/systemctl disable --now haproxy\.service$/),
      expect.stringMatching(/systemctl disable --now nats-server\.service$/),
    ]);
    // Postgres was there before: its service is the user's business.
    expect(commands.join('\n')).not.toContain('postgresql.service');
    const elsewhere: string[] = [];
    await setup({ ...opts, systemd: false, log: (l) => elsewhere.push(l) });
    expect(elsewhere.filter((l) => l.includes('systemctl'))).toEqual([]);
  });

  it('honours `only`, and rejects unknown tool names', async () => {
    const lines: string[] = [];
    const opts = {
      dryRun: true,
      log: (l: string) => lines.push(l),
      statuses: STATUSES,
      osReleasePath: join(dir, 'debian'),
    };
    expect(await setup({ ...opts, only: ['wrk'] })).toEqual(['wrk']);
    expect(await setup({ ...opts, only: ['postgres'] })).toEqual([]);
    expect(lines).toContain('Nothing to install.');
    await expect(setup({ ...opts, only: ['wrkk'] })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('throws with what to install by hand on a platform without apt-get', async () => {
    const err = await setup({
      dryRun: true,
      log: () => {},
      statuses: STATUSES,
      osReleasePath: join(dir, 'fedora'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as HarnessError).code).toBe('SETUP_UNSUPPORTED_PLATFORM');
    expect((err as HarnessError).message).toContain('Fedora Linux 40');
    expect((err as HarnessError).hint).toMatch(/redis-server \(Debian\/Ubuntu package: redis-server\), wrk/);
  });
});

describe('os-release', () => {
  it('parses quoted values and recognises Debian derivatives', () => {
    const os = parseOsRelease(DEBIAN);
    expect(os).toEqual({ id: 'debian', idLike: [], prettyName: 'Debian GNU/Linux 12 (bookworm)' });
    expect(isDebianLike(os)).toBe(true);
    expect(isDebianLike(parseOsRelease('ID=linuxmint\nID_LIKE="ubuntu debian"\n'))).toBe(true);
    expect(isDebianLike(parseOsRelease(FEDORA))).toBe(false);
  });
});
