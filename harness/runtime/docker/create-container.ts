/**
 * Creates and starts one container with testcontainers: the empty host-root
 * image (never pulled — it is made locally), host networking, the labels
 * `harness clean` looks for, and the container spec (command, user, mounts).
 *
 * Networking: host mode. Every server binds 127.0.0.1 exactly as under the
 * local runtime, so the launchers' addresses, the readiness probes, the
 * env templates (`{{postgres.url}}`) and the edge fault proxies (which run
 * inside harness, on 127.0.0.1) all work unchanged, and no traffic ever
 * goes anywhere but loopback. A user-defined bridge network would be closer
 * to production, but every address would become a container IP: launchers,
 * probes and proxies would all need rewriting, and load and faults would
 * travel to private-range addresses instead of loopback.
 */
import type { StartedTestContainer } from 'testcontainers';
import type { ContainerSpec } from './container-spec.ts';
import { docker } from './docker-cli.ts';
import { hostRootImage } from './host-root-image.ts';
import { containerLabels, label } from './labels.ts';
import type { Testcontainers } from './testcontainers-module.ts';

/** Postgres keeps its dynamic shared memory in /dev/shm; Docker's default is 64 MiB. */
const shmBytes = 256 * 1024 * 1024;

export async function createContainer(
  tc: Testcontainers,
  spec: ContainerSpec,
  who: { runId: string; instance: string; component: string },
): Promise<StartedTestContainer> {
  const container = new tc.GenericContainer(hostRootImage)
    .withPullPolicy({ shouldPull: () => false })
    .withNetworkMode('host')
    .withCommand(spec.command)
    .withEnvironment(spec.env)
    .withUser(spec.user)
    .withWorkingDir(spec.workingDir)
    .withBindMounts(spec.binds)
    .withTmpFs(spec.tmpfs)
    .withSharedMemorySize(shmBytes)
    .withLabels(containerLabels(who.runId, who.instance, who.component));
  try {
    return await container.start();
  } catch (error) {
    // Created but not started (a bad mount, say): nobody holds its id, so it goes by its labels.
    const left = await docker([
      'ps',
      '-aq',
      '--filter',
      `label=${label.runId}=${who.runId}`,
      '--filter',
      `label=${label.instance}=${who.instance}`,
    ]);
    const ids = left.stdout.split('\n').filter((l) => l.trim() !== '');
    if (ids.length > 0) await docker(['rm', '-f', ...ids]);
    throw error;
  }
}
