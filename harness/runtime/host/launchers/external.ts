/**
 * `external`: a service that is already running. Nothing to spawn; the
 * runtime only checks that it answers (health URL, else a TCP connect).
 */
import { healthUrl, httpProbe, tcpProbe } from '../probes.ts';
import type { LaunchContext, Launcher } from './types.ts';

export function externalLauncher(): Launcher {
  return {
    needsPort: false,
    async prepare(ctx: LaunchContext) {
      const url = new URL(ctx.spec.url ?? '');
      const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
      const base = url.toString().replace(/\/$/, '');
      const health = ctx.spec.health;
      return {
        host: url.hostname,
        port,
        url: base,
        probe: health === undefined ? tcpProbe(url.hostname, port) : httpProbe(healthUrl(base, health)),
        hint: `is ${base} running? An external component is not started by harness`,
      };
    },
  };
}
