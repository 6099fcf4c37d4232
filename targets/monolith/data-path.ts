/** The monolith's data path: every read and write on the one Postgres. */
import { singleDbAdmin } from '../service/admin-target.ts';
import { apiPath, ensureSchema } from '../service/api-path.ts';
import { requireDatabaseUrl } from '../service/config.ts';
import { defineDataPath } from '../service/data-path.ts';
import { PgStore } from '../service/store.ts';

export const dataPath = defineDataPath({
  roles: ['api'],
  settings: (env, config) => ({ databaseUrl: requireDatabaseUrl(env, config) }),
  describe: () => 'postgres',
  async open(ctx, s) {
    const primary = ctx.db(s.databaseUrl);
    await ensureSchema([primary]);
    return apiPath(new PgStore(primary), singleDbAdmin(primary), ctx.pingMs);
  },
});
