/**
 * A Postgres whose temp dir path is long — a long scenario name in the run id,
 * a long component name — still starts: it listens on TCP only, so no Unix
 * socket path can outgrow the kernel's 107-byte limit.
 */
import { afterAll, expect, it } from 'vitest';
import { type Deployment, runtimes } from '../../harness/runtime/index.ts';

let deployment: Deployment | undefined;

afterAll(async () => {
  await deployment?.stop();
});

it('starts a postgres with the longest run id and a long component name', async () => {
  // As long as newRunId makes them: a timestamp, a 40-character scenario slug, 4 hex digits.
  const runId = `20261206-000259-${'a-long-scenario-name-'.repeat(2).slice(0, 40)}-${(process.pid % 65_536).toString(16).padStart(4, '0')}`;
  deployment = await runtimes.local().start(
    {
      name: 'long-paths',
      description: 'one postgres with a long name',
      entry: 'a-rather-long-database-name',
      components: [{ name: 'a-rather-long-database-name', kind: 'postgres' }],
    },
    { runId },
  );
  expect(runId.length).toBe(61);
  expect(deployment.component('a-rather-long-database-name')[0]?.isRunning()).toBe(true);
});
