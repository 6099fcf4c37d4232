/**
 * testcontainers, loaded only when the docker runtime starts something (it
 * pulls in dockerode and more: `harness run` on the local runtime and
 * `--help` do not pay for it). No Ryuk: there is no registry to pull its image
 * from, and harness removes its containers itself — at `stop()`, in
 * `killAllSync` and, after a hard crash, by label in `harness clean`.
 */
export type Testcontainers = typeof import('testcontainers');

let loaded: Promise<Testcontainers> | undefined;

export function loadTestcontainers(): Promise<Testcontainers> {
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
  // Containers run on the host network, so the host they are reached on is loopback. Without
  // this, testcontainers inside a container (a CI job, this machine's /.dockerenv) looks for
  // the default bridge's gateway — and a daemon started with --bridge=none has no bridge.
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
  loaded ??= import('testcontainers');
  return loaded;
}

/** testcontainers' client for the container runtime it found (dockerode underneath). */
export type RuntimeClient = Awaited<ReturnType<Testcontainers['getContainerRuntimeClient']>>;

/** One container as the client hands it out: dockerode's, with kill, pause, update, stats, wait. */
export type DockerContainer = ReturnType<RuntimeClient['container']['getById']>;
