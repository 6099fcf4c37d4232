/**
 * The docker runtime: the same topologies, launchers, readiness probes and
 * edge proxies as the local runtime (start-topology.ts), each server in its
 * own container (DockerInstance). Before anything starts it checks that a
 * daemon answers and makes the image if it is missing — a missing daemon
 * is exit code 5 with a hint, before a single file is written.
 *
 * Launchers prepare on the host, as for the local runtime: Postgres's
 * `initdb` (or the template copy) and a replica's `pg_basebackup` write the
 * data dir in the run's temp dir, which the container then gets
 * bind-mounted read-write at the same path. That is fine because the
 * container runs the very same postgres binary (the host's /usr, mounted),
 * as the same uid, on the same data-dir format; and pg_basebackup reaches
 * the primary's container on 127.0.0.1, as everything does here (host
 * network, see create-container.ts).
 */

import type { Deployment, Runtime, StartOptions, Topology } from '../../../model/index.ts';
import type { LauncherOptions } from '../host/launchers/index.ts';
import { onceUntilFailure } from '../host/once-until-failure.ts';
import { startTopology } from '../host/start-topology.ts';
import { containerRegistry } from './container-registry.ts';
import { assertDockerDaemon } from './docker-cli.ts';
import { DockerInstance } from './docker-instance.ts';
import { ensureHostRootImage } from './host-root-image.ts';
import { loadTestcontainers } from './testcontainers-module.ts';

export type DockerRuntimeOptions = LauncherOptions;

export class DockerRuntime implements Runtime {
  readonly name = 'docker';
  readonly #options: DockerRuntimeOptions;
  /** A daemon answers and the image exists (made if missing). Once per runtime; a failure is retried. */
  readonly preflight = onceUntilFailure(async (): Promise<void> => {
    await assertDockerDaemon();
    await ensureHostRootImage();
  });

  constructor(options: DockerRuntimeOptions = {}) {
    this.#options = options;
  }

  async start(topology: Topology, options: StartOptions): Promise<Deployment> {
    await this.preflight();
    const tc = await loadTestcontainers();
    const client = await tc.getContainerRuntimeClient();
    containerRegistry.addRun(options.runId);
    return startTopology(topology, options, {
      launcherOptions: this.#options,
      create: (spec, index, prepared, ctx) =>
        new DockerInstance(spec, index, prepared, { ...ctx, tc, client }),
    });
  }
}
