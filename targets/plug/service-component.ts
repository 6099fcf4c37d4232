import type { ComponentSpec } from '../../model/index.ts';
import { type ResilienceParams, resilienceEnv } from './resilience-params.ts';

export interface ServiceComponentOptions {
  /** The architecture whose data path the process runs (DATA_PATH). */
  dataPath: string;
  /** Default `app`. */
  name?: string;
  /** `service` (default) or `worker`: the same program, told its role by env (ROLE). */
  kind?: 'service' | 'worker';
  replicas?: number;
  uses: string[];
  env: Record<string, string>;
  /** `DATABASE_URL`; default `{{postgres.url}}`, `false` for none (sharded). */
  databaseUrl?: string | false;
  /** The architecture's resilience params → RESILIENCE* env (resilience-params.ts). */
  resilience?: ResilienceParams;
}

/** A process of the harness service (targets/service) running one architecture's data path. */
export function serviceComponent(opts: ServiceComponentOptions): ComponentSpec {
  const databaseUrl = opts.databaseUrl ?? '{{postgres.url}}';
  return {
    name: opts.name ?? 'app',
    kind: opts.kind ?? 'service',
    ...(opts.replicas === undefined ? {} : { replicas: opts.replicas }),
    uses: opts.uses,
    env: {
      PORT: '{{self.port}}',
      DATA_PATH: opts.dataPath,
      ...(databaseUrl === false ? {} : { DATABASE_URL: databaseUrl }),
      ...(opts.resilience === undefined ? {} : resilienceEnv(opts.resilience)),
      ...opts.env,
    },
    health: '/health',
  };
}
