/**
 * The one image every container runs: empty. No registry is reachable, and
 * none is needed — the host's /usr, /lib, /etc… are bind-mounted read-only
 * into each container (container-spec.ts), so it runs the host's postgres,
 * redis-server, haproxy, nats-server and node. The image is made here, on
 * first use, from an empty tar archive (`docker import`): nothing is pulled.
 */
import { TargetStartError } from '../../../model/index.ts';
import { onceUntilFailure } from '../host/once-until-failure.ts';
import { docker } from './docker-cli.ts';

export const hostRootImage = 'harness/host-root:1';

/** An empty tar archive: end-of-archive blocks, padded to tar's default record (what `tar -cf - -T /dev/null` writes). */
const emptyTar = Buffer.alloc(10_240);

/** Imports the image unless it exists; once per process (a failure is retried next time). */
export const ensureHostRootImage = onceUntilFailure(ensure);

async function ensure(): Promise<void> {
  const inspect = await docker(['image', 'inspect', '--format', '{{.Id}}', hostRootImage]);
  if (inspect.code === 0) return;
  // Two runs importing at once both tag the same empty image: harmless.
  const imported = await docker(
    ['import', '--message', 'harness: empty root, host dirs are bind-mounted', '-', hostRootImage],
    {
      input: emptyTar,
      timeoutMs: 60_000,
    },
  );
  if (imported.code !== 0) {
    throw new TargetStartError(`could not make the image ${hostRootImage}: ${imported.stderr.trim()}`, {
      hint: 'check that the Docker daemon can import images: `tar -cf - -T /dev/null | docker import - harness/host-root:1`',
    });
  }
}
