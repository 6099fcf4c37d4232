/** SQL straight against a Postgres the runtime started, behind the service's back. */
import pg from 'pg';
import type { Deployment } from '../../model/index.ts';

export async function sql<R extends pg.QueryResultRow = pg.QueryResultRow>(
  deployment: Deployment,
  component: string,
  text: string,
  values: unknown[] = [],
): Promise<pg.QueryResult<R>> {
  const url = deployment.component(component)[0]?.url;
  if (url === undefined) throw new Error(`no ${component} in the deployment`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query<R>(text, values);
  } finally {
    await client.end();
  }
}
