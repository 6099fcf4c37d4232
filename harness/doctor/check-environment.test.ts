import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPostgresBinary } from '../runtime/host/find-binary.ts';
import { checkEnvironment, checkTool } from './check-environment.ts';
import { formatDoctor } from './format-doctor.ts';
import { TOOLS } from './tools.ts';

describe('checkEnvironment (this machine)', () => {
  it('finds node and postgres with their versions, and reports every tool', async () => {
    const statuses = await checkEnvironment();
    expect(statuses.map((s) => s.name)).toEqual(TOOLS.map((t) => t.name));
    const node = statuses.find((s) => s.name === 'node')!;
    expect(node).toMatchObject({ present: true, version: process.versions.node, path: process.execPath });
    const pg = statuses.find((s) => s.name === 'postgres')!;
    expect(pg.present).toBe(true);
    expect(pg.path).toMatch(/postgres$/);
    expect(pg.version).toMatch(/^\d+\.\d+/);
    expect(pg.debianPackage).toBe('postgresql');
    for (const s of statuses) {
      if (!s.present) expect(s.note, s.name).toBeTruthy();
    }
    const docker = statuses.find((s) => s.name === 'docker')!;
    if (docker.path) expect(docker.note).toMatch(/daemon/);

    const table = formatDoctor(statuses);
    expect(table).toMatch(/^✓ {2}node {4,}\S+/m);
    expect(table).toMatch(/postgres\s+\d+\.\d+\s+\/\S*postgres/);
  }, 30_000);

  it('reports a missing program with the package that provides it', async () => {
    const spec = { ...TOOLS.find((t) => t.name === 'wrk')!, locate: async () => undefined };
    expect(await checkTool(spec)).toMatchObject({ name: 'wrk', present: false, debianPackage: 'wrk' });
  });

  it('marks a program older than the minimum as not usable', async () => {
    const spec = { ...TOOLS.find((t) => t.name === 'nginx')!, minimum: '999.0.0' };
    const status = await checkTool(spec);
    if (status.path)
      expect(status).toMatchObject({ present: false, note: expect.stringMatching(/older than/) });
  });
});

describe('findPostgresBinary', () => {
  it('prefers the newest major version directory', async () => {
    const root = await mkdtemp(join(tmpdir(), 'harness-pg-'));
    try {
      for (const major of ['9.6', '13', '16']) {
        await mkdir(join(root, major, 'bin'), { recursive: true });
        await writeFile(join(root, major, 'bin', 'postgres'), '#!/bin/sh\n', { mode: 0o755 });
      }
      expect(await findPostgresBinary('postgres', root)).toBe(join(root, '16', 'bin', 'postgres'));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
