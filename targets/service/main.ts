/**
 * The service under test. Run: `PORT=8080 DATABASE_URL=postgres://… node --import tsx targets/service/main.ts`.
 * Env: see config.ts (ROLE=worker runs a queue worker). SIGTERM/SIGINT: stop accepting, close pools, exit 0 within 2 s.
 */

import { startService } from './app.ts';
import { ConfigError, describeMode, parseConfig } from './config.ts';

const shutdownDeadlineMs = 1_800;

try {
  const config = parseConfig(process.env);
  const service = await startService(config);
  console.log(
    `[service] listening on http://${config.host}:${service.port} — ${describeMode(config)}, pool ${config.dbPoolSize}`,
  );

  const shutdown = (signal: string): void => {
    console.log(`[service] ${signal}: shutting down`);
    setTimeout(() => process.exit(0), shutdownDeadlineMs).unref();
    service.close(1_000).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('[service] shutdown error:', err);
        process.exit(0);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
