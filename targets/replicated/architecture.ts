import { defineArchitecture } from '../plug/architecture.ts';
import { int, oneOf } from '../plug/params.ts';
import { resilienceParams } from '../plug/resilience-params.ts';
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
    ...resilienceParams,
  },
  topology: (p) => ({
    name: 'replicated',
    description: `haproxy (${p.balance}) → ${p.apps} × service (pool ${p.poolSize}) → postgres + ${p.replicas} replicas`,
    entry: 'lb',
    components: [
      { name: 'postgres', kind: 'postgres' },
      { name: 'replica', kind: 'postgres', replicas: p.replicas, uses: ['postgres'], replicaOf: 'postgres' },
      serviceComponent({
        dataPath: 'replicated',
        resilience: p,
        replicas: p.apps,
        uses: ['postgres', 'replica'],
        env: { DB_POOL_SIZE: String(p.poolSize), DATABASE_REPLICA_URLS: '{{replica.urls}}' },
      }),
      {
        name: 'lb',
        kind: 'haproxy',
        uses: ['app'],
        settings: { balance: p.balance, checkIntervalMs: p.checkIntervalMs, fall: 2, rise: 1 },
      },
    ],
  }),
  dataPath: () => import('./data-path.ts').then((m) => m.dataPath),
});
