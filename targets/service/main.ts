/**
 * The service under test. Run: `PORT=8080 DATABASE_URL=postgres://… node --import tsx targets/service/main.ts`.
 * Env: DATA_PATH names the architecture (default monolith; see config.ts and
 * that architecture's data-path.ts), ROLE its process role.
 * SIGTERM/SIGINT: stop accepting, close pools, exit 0 within 2 s.
 */

import { startService } from './app.ts';
import { ConfigError } from './env-reader.ts';
import { loadConfig } from './load-config.ts';

const shutdownDeadlineMs = 1_800;

try {
  const { config, module, settings, description } = await loadConfig(process.env);
  const service = await startService(config, module, settings);
  console.log(
    `[service] listening on http://${config.host}:${service.port} — ${description}, pool ${config.dbPoolSize}`,
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
