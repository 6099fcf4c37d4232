import type { Router } from '../http.ts';
import type { ServiceMetrics } from '../metrics.ts';

export function metricsRoutes(router: Router, metrics: ServiceMetrics): void {
  router.add('GET', '/metrics', async () => ({
    status: 200,
    body: await metrics.registry.metrics(),
    contentType: metrics.registry.contentType,
  }));
}
