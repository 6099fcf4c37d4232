import { defineArchitecture } from '../plug/architecture.ts';
import { int } from '../plug/params.ts';
import { resilienceParams } from '../plug/resilience-params.ts';
import { serviceComponent } from '../plug/service-component.ts';

/** One service process over one Postgres: every read and write goes to the database. */
export const monolith = defineArchitecture({
  name: 'monolith',
  description: 'one service process, one Postgres; every request hits the database',
  params: {
    poolSize: int(10, 1, 1_000, 'Postgres connections in the service pool (DB_POOL_SIZE)'),
    ...resilienceParams,
  },
  topology: (p) => ({
    name: 'monolith',
    description: `service (pool ${p.poolSize}) → postgres`,
    entry: 'app',
    components: [
      { name: 'postgres', kind: 'postgres' },
      serviceComponent({
        dataPath: 'monolith',
        resilience: p,
        uses: ['postgres'],
        env: { DB_POOL_SIZE: String(p.poolSize) },
      }),
    ],
  }),
  dataPath: () => import('./data-path.ts').then((m) => m.dataPath),
});
