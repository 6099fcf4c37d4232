/** Polls until a probe holds, for conditions that settle asynchronously (a projector, a snapshot). */
import { setTimeout as sleep } from 'node:timers/promises';

/** Calls `probe` every `everyMs` until it returns true, up to `timeoutMs`; returns its last answer. */
export async function eventually(
  probe: () => Promise<boolean> | boolean,
  timeoutMs = 10_000,
  everyMs = 100,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (
      await Promise.resolve()
        .then(probe)
        .catch(() => false)
    )
      return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}
