/**
 * `harness setup`: installs the missing tools with apt-get on Debian/Ubuntu
 * (`apt-get update`, then `apt-get install -y --no-install-recommends …` with
 * DEBIAN_FRONTEND=noninteractive), streaming apt's output to `log`. Elsewhere
 * it throws, listing what to install by hand. Tools that are installed but
 * unusable (Node too old, Docker daemon down) are reported, not reinstalled.
 *
 * Debian's server packages start and enable their system service on install
 * (a Postgres cluster on 5432, HAProxy, NATS on 4222, nginx on 80, Prometheus
 * on 9090 — the port `--prometheus-server` wants). harness runs its own
 * instances with its own config and never uses those, so on a systemd host it
 * disables and stops the services of the packages it has just installed
 * (`systemctl disable --now`), never those of packages that were there before.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ExitCode, HarnessError, InvalidInputError } from '../../model/index.ts';
import { findOnPath } from '../runtime/host/find-binary.ts';
import { checkEnvironment } from './check-environment.ts';
import { isDebianLike, readOsRelease } from './os-release.ts';
import { TOOLS } from './tools.ts';
import type { ToolStatus } from './types.ts';

export interface SetupOptions {
  /** Print the commands instead of running them. */
  dryRun: boolean;
  /** Only these tools (by name); default every missing one. */
  only?: readonly string[];
  /** Receives progress lines and apt-get's output, line by line. */
  log: (line: string) => void;
  /** Statuses to act on instead of probing the machine (tests, or a doctor run just made). */
  statuses?: readonly ToolStatus[];
  /** Where the OS release file is (tests). */
  osReleasePath?: string;
  /** Whether systemd runs this host (default: detected). */
  systemd?: boolean;
}

/** Commands run or printed, as argv arrays (no shell). */
export type Command = readonly string[];

/** The system service each server package starts and enables on install (docker.io's daemon is wanted). */
export const SYSTEM_SERVICES: Readonly<Record<string, string>> = {
  postgresql: 'postgresql.service',
  'redis-server': 'redis-server.service',
  haproxy: 'haproxy.service',
  'nats-server': 'nats-server.service',
  nginx: 'nginx.service',
  prometheus: 'prometheus.service',
};

/** Whether systemd is the init system (sd_booted(3): /run/systemd/system exists). */
export function systemdRunning(): boolean {
  return existsSync('/run/systemd/system');
}

/** Installs what is missing; returns the Debian packages installed (in a dry run: that would be). */
export async function setup(opts: SetupOptions): Promise<string[]> {
  const { log } = opts;
  if (opts.only) {
    const known = new Set(TOOLS.map((t) => t.name));
    const unknown = opts.only.filter((n) => !known.has(n));
    if (unknown.length) {
      throw new InvalidInputError(
        undefined,
        unknown.map((n) => ({
          path: 'only',
          message: `unknown tool "${n}"; known: ${[...known].join(', ')}`,
        })),
      );
    }
  }
  const statuses = opts.statuses ?? (await checkEnvironment(opts.only ? { only: opts.only } : {}));
  const wanted = statuses.filter((s) => !opts.only || opts.only.includes(s.name));
  for (const s of wanted.filter((s) => !s.present && s.path !== undefined)) {
    log(`! ${s.name}: ${s.note ?? 'installed but not usable'} (setup does not change installed tools)`);
  }
  const missing = wanted.filter((s) => s.path === undefined);
  const node = missing.find((s) => s.name === 'node');
  if (node) log('! node: install Node.js ≥ 20.18 from nodejs.org or NodeSource; Debian’s package is too old');
  const packages = [...new Set(missing.filter((s) => s.name !== 'node').map((s) => s.debianPackage))];
  if (packages.length === 0) {
    log('Nothing to install.');
    return [];
  }

  const os =
    opts.osReleasePath !== undefined || process.platform === 'linux'
      ? await readOsRelease(opts.osReleasePath)
      : undefined;
  if (!os || !isDebianLike(os)) {
    const list = missing.map((s) => `${s.name} (Debian/Ubuntu package: ${s.debianPackage})`).join(', ');
    throw new HarnessError(
      'SETUP_UNSUPPORTED_PLATFORM',
      `harness setup installs with apt-get on Debian/Ubuntu only; this is ${os?.prettyName ?? process.platform}`,
      { exitCode: ExitCode.targetFailed, hint: `Install these by hand with your package manager: ${list}` },
    );
  }

  const commands = await planCommands(packages);
  for (const argv of commands) {
    log(`$ ${argv.join(' ')}`);
    if (!opts.dryRun) await runStreaming(argv, log);
  }
  // The system services the new packages started: harness runs its own instances.
  for (const argv of serviceCommands(packages, opts.systemd ?? systemdRunning(), commands[0]!)) {
    log(`$ ${argv.join(' ')}`);
    if (opts.dryRun) continue;
    try {
      await runStreaming(argv, log);
    } catch (err) {
      log(`! ${(err as Error).message} — the service may still be enabled; harness does not need it`);
    }
  }
  log(opts.dryRun ? `Dry run: would install ${packages.join(' ')}` : `Installed ${packages.join(' ')}`);
  return packages;
}

/**
 * `systemctl disable --now <unit>` for each package just installed that
 * ships a system service, on a systemd host; with the same sudo prefix as apt-get.
 */
export function serviceCommands(
  packages: readonly string[],
  systemd: boolean,
  aptCommand: Command,
): Command[] {
  if (!systemd) return [];
  const prefix = aptCommand.slice(0, aptCommand.indexOf('apt-get'));
  return packages
    .filter((p) => SYSTEM_SERVICES[p] !== undefined)
    .map((p) => [...prefix, 'systemctl', 'disable', '--now', SYSTEM_SERVICES[p]!]);
}

/** apt-get update + install, as root directly or through `sudo -n` (non-interactive: fails instead of prompting). */
export async function planCommands(packages: readonly string[]): Promise<Command[]> {
  const isRoot = process.getuid?.() === 0;
  let prefix: string[] = [];
  if (!isRoot) {
    if (!(await findOnPath('sudo'))) {
      throw new HarnessError(
        'SETUP_NEEDS_ROOT',
        'installing packages needs root, and sudo is not installed',
        {
          exitCode: ExitCode.targetFailed,
          hint: `Run harness setup as root, or: apt-get install -y ${packages.join(' ')}`,
        },
      );
    }
    // sudo resets the environment; env(1) sets DEBIAN_FRONTEND for apt-get under it
    prefix = ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'];
  }
  return [
    [...prefix, 'apt-get', 'update'],
    [...prefix, 'apt-get', 'install', '-y', '--no-install-recommends', ...packages],
  ];
}

function runStreaming(argv: Command, log: (line: string) => void): Promise<void> {
  const [file, ...args] = argv as [string, ...string[]];
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', log);
    }
    child.on('error', (err) =>
      reject(
        new HarnessError('SETUP_FAILED', `could not run ${file}: ${err.message}`, {
          exitCode: ExitCode.targetFailed,
          cause: err,
        }),
      ),
    );
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(
        new HarnessError('SETUP_FAILED', `${argv.join(' ')} ${how}`, {
          exitCode: ExitCode.targetFailed,
          hint:
            file === 'sudo'
              ? 'sudo -n needs passwordless sudo; run `sudo harness setup` instead'
              : 'see the apt-get output above',
        }),
      );
    });
  });
}
