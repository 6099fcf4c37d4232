/**
 * Postgres data dirs. `initdb` costs ~1 s of CPU per instance, and the
 * replicated architectures start several Postgres: so the first start builds
 * a template once (`initdb` + `CREATE DATABASE harness`) under
 * `<tmp>/harness-cache/pg-<major>` and every instance gets an `cp -a` copy
 * (~0.1 s). The cache commits by renaming a finished build into place, so a
 * crashed or concurrent build never leaves a half template behind.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MissingDependencyError } from '../../../../model/index.ts';
import { findPostgresBinary, isExecutable } from '../find-binary.ts';
import { onceUntilFailure } from '../once-until-failure.ts';
import { OutputTail } from '../output-tail.ts';
import type { RunAs } from '../run-as.ts';

const run = promisify(execFile);

export interface PostgresBinaries {
  /** Directory holding `postgres` and `initdb`. */
  bin: string;
  /** Major version, e.g. `15`: the data dir format. */
  major: string;
}

/** Looked up once per process; a failed lookup is retried next time (the user may have just installed it). */
export const findPostgres = onceUntilFailure(lookupPostgres);

async function lookupPostgres(): Promise<PostgresBinaries> {
  const postgres = await findPostgresBinary('postgres');
  const bin = postgres === undefined ? undefined : join(postgres, '..');
  if (bin === undefined || !(await isExecutable(join(bin, 'initdb')))) {
    throw new MissingDependencyError(
      'PostgreSQL (postgres, initdb)',
      'run `harness setup`, or install it: `apt-get install postgresql`',
    );
  }
  const { stdout } = await run(join(bin, 'postgres'), ['--version']);
  const major = /(\d+)(\.\d+)?/.exec(stdout)?.[1] ?? 'unknown';
  return { bin, major };
}

export interface DataDirOptions {
  owner: RunAs | undefined;
  /** Copy a cached template instead of running `initdb` each time. */
  useCache: boolean;
}

/** Creates a data dir at `target` (must not exist) with user and database `harness`; says how. */
export async function createDataDir(
  bins: PostgresBinaries,
  target: string,
  opts: DataDirOptions,
): Promise<'template' | 'initdb'> {
  if (opts.useCache) {
    const template = await ensureTemplate(bins, opts.owner).catch(() => undefined);
    if (template !== undefined) {
      await run('cp', ['-a', template, target]);
      // A template built by another user (root vs not) must change hands: Postgres checks the owner.
      const uid = opts.owner?.uid ?? process.getuid?.();
      if (uid !== undefined && (await stat(target)).uid !== uid) {
        await run('chown', ['-R', `${uid}:${opts.owner?.gid ?? process.getgid?.()}`, target]);
      }
      return 'template';
    }
  }
  await mkdir(target);
  await initialise(bins, target, opts.owner);
  return 'initdb';
}

async function ensureTemplate(bins: PostgresBinaries, owner: RunAs | undefined): Promise<string> {
  const root = join(tmpdir(), 'harness-cache');
  const template = join(root, `pg-${bins.major}`);
  if (await exists(template)) return template;
  await mkdir(root, { recursive: true, mode: 0o755 });
  const build = `${template}.build-${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(build);
  try {
    await initialise(bins, build, owner);
    await rename(build, template);
  } catch (error) {
    await rm(build, { recursive: true, force: true });
    // Another start built it at the same time: theirs is as good.
    if (await exists(template)) return template;
    throw error;
  }
  return template;
}

/** `initdb` (trust auth, superuser `harness`) then `CREATE DATABASE harness` in single-user mode — no port needed. */
async function initialise(bins: PostgresBinaries, dir: string, owner: RunAs | undefined): Promise<void> {
  if (owner !== undefined) await chown(dir, owner.uid, owner.gid);
  // -N: no fsync; a crash mid-build leaves a build dir, never the template.
  await runAs(
    join(bins.bin, 'initdb'),
    ['-D', dir, '-A', 'trust', '-U', 'harness', '-E', 'UTF8', '--locale=C', '-N', '--no-instructions'],
    owner,
  );
  const out = await runAs(
    join(bins.bin, 'postgres'),
    ['--single', '-D', dir, '-c', 'fsync=off', 'postgres'],
    owner,
    'CREATE DATABASE harness;\n',
  );
  if (/\bERROR:/.test(out)) throw new Error(`CREATE DATABASE harness failed:\n${out}`);
}

function runAs(file: string, args: string[], owner: RunAs | undefined, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const tail = new OutputTail(30);
    const child = spawn(file, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
      ...(owner === undefined ? {} : { uid: owner.uid, gid: owner.gid, cwd: '/' }),
    });
    tail.follow(child.stdout);
    tail.follow(child.stderr);
    child.stdin.end(input ?? '');
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(tail.text());
      else reject(new Error(`${file} ${args.join(' ')} exited with ${code}:\n${tail.text()}`));
    });
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
