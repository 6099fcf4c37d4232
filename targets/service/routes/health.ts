import type { Router } from '../http.ts';
import { json } from '../http.ts';
import type { ItemStore } from '../store.ts';

/** 200 only when every dependency answers within `timeoutMs`. */
export function healthRoutes(router: Router, store: ItemStore, timeoutMs: number): void {
  router.add('GET', '/health', async () => {
    try {
      await store.ping(timeoutMs);
      return json(200, { status: 'ok' });
    } catch (err) {
      return json(503, { status: 'unavailable', error: err instanceof Error ? err.message : String(err) });
    }
  });
}
