/**
 * Samples CPU and memory of every instance of a deployment once a second
 * while a cell runs. A failed sample (an instance that was just killed) is
 * skipped, not fatal.
 */
import type { ComponentResources, Deployment } from '../../model/index.ts';

export function sampleResources(
  deployment: Deployment,
  into: ComponentResources,
  everyMs = 1000,
): () => void {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await Promise.all(
        deployment.instances
          .filter((i) => i.pid !== undefined && i.isRunning())
          .map(async (i) => {
            try {
              const s = await i.sample();
              const list = into[i.id] ?? [];
              list.push(s);
              into[i.id] = list;
            } catch {
              // The instance went away between the check and the read.
            }
          }),
      );
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
