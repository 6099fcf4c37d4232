/** Looks at Docker from the outside, with the `docker` client, as a user would. */
import { execFileSync } from 'node:child_process';

function docker(args: string[]): string {
  return execFileSync('docker', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 30_000,
  });
}

/**
 * Whether a daemon answers. The docker tests run when it does — and always in
 * CI (`CI=true`), where .ci/run starts one: there a missing daemon fails them.
 */
export function dockerAnswers(): boolean {
  try {
    return docker(['info', '--format', '{{.ServerVersion}}']).trim() !== '';
  } catch {
    return false;
  }
}

export const runDockerTests = process.env.CI === 'true' || dockerAnswers();

/** Containers (any state) labelled with this run id: `instance` label by container id. */
export function containersOfRun(runId: string): Map<string, string> {
  const out = docker([
    'ps',
    '-a',
    '--filter',
    `label=harness.run-id=${runId}`,
    '--format',
    '{{.ID}}\t{{.Label "harness.instance"}}',
  ]);
  const found = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [id, instance] = line.split('\t');
    if (id) found.set(id, instance ?? '');
  }
  return found;
}

export function inspect<T = Record<string, unknown>>(id: string, format: string): T {
  return JSON.parse(docker(['inspect', '--format', `{{json ${format}}}`, id])) as T;
}

/** A created (not started) container with harness's labels, as a crashed run could leave one. */
export function createLabelled(image: string, labels: Record<string, string>): string {
  const flags = Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  return docker(['create', ...flags, image, '/bin/true']).trim();
}

export function removeContainers(ids: string[]): void {
  if (ids.length > 0) {
    try {
      docker(['rm', '-f', ...ids]);
    } catch {
      // already gone
    }
  }
}
