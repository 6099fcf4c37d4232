import { defineTopology } from '../../model/index.ts';
import type { Balance } from './params.ts';
import { resilienceDefaults, resilienceHelp } from './resilience-params.ts';
import { serviceComponent } from './service-component.ts';

/**
 * HAProxy over N service processes; writes go to the Postgres primary, reads
 * round-robin over M streaming hot standbys. Reads may lag writes (no
 * read-your-writes): db_replication_lag_{bytes,seconds} in /metrics shows by how much.
 */
export const replicated = defineTopology({
  name: 'replicated',
  description: 'HAProxy → N services; writes → Postgres primary, reads → M streaming replicas',
  defaults: {
    apps: 3,
    replicas: 2,
    balance: 'roundrobin' as Balance,
    poolSize: 10,
    checkIntervalMs: 500,
    ...resilienceDefaults,
  },
  paramHelp: {
    apps: 'service processes behind the load balancer',
    replicas: 'Postgres hot standbys the reads go to',
    balance: 'roundrobin | leastconn | source (HAProxy balance)',
    poolSize: 'connections per pool (primary and each replica), per service process',
    checkIntervalMs:
      'HAProxy health check interval, ms; an instance is out after 2 failed checks, back after 1',
    ...resilienceHelp,
  },
  build: (p) => ({
    name: 'replicated',
    description: `haproxy (${p.balance}) → ${p.apps} × service (pool ${p.poolSize}) → postgres + ${p.replicas} replicas`,
    entry: 'lb',
    components: [
      { name: 'postgres', kind: 'postgres' },
      { name: 'replica', kind: 'postgres', replicas: p.replicas, uses: ['postgres'], replicaOf: 'postgres' },
      serviceComponent({
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
});
