import type { ComponentSpec } from '../../harness/runtime/topology.ts';

/** The `app` component: the harness service (targets/service) wired to Postgres and what else it uses. */
export function serviceComponent(opts: { uses: string[]; env: Record<string, string> }): ComponentSpec {
  return {
    name: 'app',
    kind: 'service',
    uses: opts.uses,
    env: { PORT: '{{self.port}}', DATABASE_URL: '{{postgres.url}}', ...opts.env },
    health: '/health',
  };
}
