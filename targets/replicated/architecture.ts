import type { ComponentSpec } from '../../model/index.ts';
import { defineArchitecture } from '../plug/architecture.ts';
import { int, oneOf } from '../plug/params.ts';
import { type ResilienceParams, resilienceParams } from '../plug/resilience-params.ts';
import { serviceComponent } from '../plug/service-component.ts';

export const balances = ['roundrobin', 'leastconn', 'source'] as const;
export type Balance = (typeof balances)[number];

/**
 * HAProxy over N service processes; writes go to the Postgres primary, reads
 * round-robin over M streaming hot standbys. Reads may lag writes (no
 * read-your-writes): db_replication_lag_{bytes,seconds} in /metrics shows by how much.
 */
export const replicated = defineArchitecture({
  name: 'replicated',
  description: 'HAProxy → N services; writes → Postgres primary, reads → M streaming replicas',
  params: {
    apps: int(3, 1, 64, 'service processes behind the load balancer'),
    replicas: int(2, 1, 16, 'Postgres hot standbys the reads go to'),
    balance: oneOf(balances, 'roundrobin', 'HAProxy balance algorithm'),
    poolSize: int(10, 1, 1_000, 'connections per pool (primary and each replica), per service process'),
    checkIntervalMs: int(
      500,
      100,
      60_000,
      'HAProxy health check interval, ms; an instance is out after 2 failed checks, back after 1',
    ),
    maxConnPerApp: int(
      0,
      0,
      100_000,
      'requests in flight per app in HAProxy (server maxconn); more wait in HAProxy’s queue, where any app can take them; 0 = no limit',
    ),
    workUs: int(
      0,
      0,
      100_000,
      'CPU each item or order request burns in the app, µs: an app tier with work of its own (REQUEST_WORK_US)',
    ),
    ...resilienceParams,
  },
  topology: (p) => ({
    name: 'replicated',
    description: `haproxy (${p.balance}) → ${p.apps} × service (pool ${p.poolSize}${p.workUs > 0 ? `, ${p.workUs} µs work` : ''}) → postgres + ${p.replicas} replicas`,
    entry: 'lb',
    components: replicatedTier({ ...p, dataPath: 'replicated' }),
  }),
  dataPath: () => import('./data-path.ts').then((m) => m.dataPath),
});

/** What the replicated tier and its autoscaled variant are made of. */
export interface ReplicatedTier {
  dataPath: string;
  apps: number;
  replicas: number;
  balance: string;
  poolSize: number;
  checkIntervalMs: number;
  maxConnPerApp: number;
  workUs: number;
}

/**
 * Postgres, its hot standbys, `apps` services and HAProxy in front: the
 * replicated tier, which `autoscaled` starts at its `minReplicas` and scales.
 */
export function replicatedTier(p: ReplicatedTier & ResilienceParams): ComponentSpec[] {
  return [
    { name: 'postgres', kind: 'postgres' },
    { name: 'replica', kind: 'postgres', replicas: p.replicas, uses: ['postgres'], replicaOf: 'postgres' },
    serviceComponent({
      dataPath: p.dataPath,
      resilience: p,
      replicas: p.apps,
      uses: ['postgres', 'replica'],
      env: {
        DB_POOL_SIZE: String(p.poolSize),
        DATABASE_REPLICA_URLS: '{{replica.urls}}',
        ...(p.workUs > 0 ? { REQUEST_WORK_US: String(p.workUs) } : {}),
      },
    }),
    {
      name: 'lb',
      kind: 'haproxy',
      uses: ['app'],
      settings: {
        balance: p.balance,
        checkIntervalMs: p.checkIntervalMs,
        fall: 2,
        rise: 1,
        serverMaxconn: p.maxConnPerApp,
      },
    },
  ];
}
