import type { Router } from '../http.ts';
import { json } from '../http.ts';

export interface Pingable {
  /** Resolves only when every dependency answers within `timeoutMs`. */
  ping(timeoutMs: number): Promise<void>;
}

/** 200 only when every dependency answers within `timeoutMs`. */
export function healthRoutes(router: Router, target: Pingable, timeoutMs: number): void {
  router.add('GET', '/health', async () => {
    try {
      await target.ping(timeoutMs);
      return json(200, { status: 'ok' });
    } catch (err) {
      return json(503, { status: 'unavailable', error: err instanceof Error ? err.message : String(err) });
    }
  });
}
