/**
 * The synchronous last resort (`process.on('exit')`, a forced Ctrl-C): every
 * container this process started goes first (`docker rm -f` — they hold the
 * run's bind-mounted dirs), then every process group and temp dir.
 */
import { removeAllContainersSync } from './docker/container-registry.ts';
import { killAllSync as killProcessesSync } from './host/registry.ts';

/** Returns the number of containers and process groups it removed or signalled. */
export function killAllSync(): number {
  const containers = removeAllContainersSync();
  return containers + killProcessesSync();
}
