/**
 * The `docker` client, for what must work without the testcontainers client:
 * the check before anything starts, the image import, `harness clean` (which
 * must not wait for a container-runtime handshake) and the synchronous
 * last-resort removal in `killAllSync`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { MissingDependencyError, TargetStartError } from '../../../model/index.ts';
import { findOnPath } from '../host/find-binary.ts';

export interface DockerResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `docker <args>`; never throws for a non-zero exit (look at `code`). */
export function docker(
  args: string[],
  opts: { input?: Buffer; timeoutMs?: number } = {},
): Promise<DockerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 30_000,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `docker rm -f` of these containers, synchronously (for `process.on('exit')`); errors swallowed. */
export function removeContainersSync(ids: readonly string[]): void {
  if (ids.length === 0) return;
  try {
    execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore', timeout: 10_000 });
  } catch {
    // Gone already, or no daemon: nothing more a last resort can do.
  }
}

/**
 * Throws (exit code 5, with a hint) unless a `docker` client is installed and
 * a daemon answers it: `--runtime docker` checks this before anything starts.
 */
export async function assertDockerDaemon(): Promise<string> {
  if ((await findOnPath('docker')) === undefined) {
    throw new MissingDependencyError(
      'Docker (the docker client)',
      'run `harness setup --only docker` (Debian/Ubuntu: apt-get install docker.io), or use --runtime local',
    );
  }
  const info = await docker(['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 10_000 });
  const version = info.stdout.trim();
  if (info.code === 0 && version !== '') return version;
  const why =
    info.stderr
      .trim()
      .split('\n')
      .find((l) => l.trim() !== '') ?? `exit code ${info.code}`;
  throw new TargetStartError(`--runtime docker: no Docker daemon answers (${why})`, {
    hint: 'start it (`systemctl start docker`, or `dockerd &` as root) and check with `harness doctor` — or use --runtime local',
  });
}
