import { defineTopology } from '../../model/index.ts';
import { resilienceDefaults, resilienceHelp } from './resilience-params.ts';
import { serviceComponent } from './service-component.ts';

/** One service process over one Postgres: every read and write goes to the database. */
export const monolith = defineTopology({
  name: 'monolith',
  description: 'one service process, one Postgres; every request hits the database',
  defaults: { poolSize: 10, ...resilienceDefaults },
  paramHelp: { poolSize: 'Postgres connections in the service pool (DB_POOL_SIZE)', ...resilienceHelp },
  build: (p) => ({
    name: 'monolith',
    description: `service (pool ${p.poolSize}) → postgres`,
    entry: 'app',
    components: [
      { name: 'postgres', kind: 'postgres' },
      serviceComponent({
        resilience: p,
        uses: ['postgres'],
        env: { DB_POOL_SIZE: String(p.poolSize) },
      }),
    ],
  }),
});
