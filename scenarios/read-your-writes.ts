import { defineScenario } from 'harness';

/**
 * A scripted flow (write, then read back) on the monolith and on the
 * replicated architecture. The `checks` rate shows what replication lag costs
 * a user: on replicated, some reads do not yet see the user's own write.
 *
 * Expected exit code: 3, by design: `checks rate>0.99` fails on replicated
 * (93–98 % of its reads see their own write); that failure is what it shows.
 */
export default defineScenario({
  name: 'read-your-writes',
  description: 'write-then-read flow: does a read see the write that just succeeded?',
  targets: ['monolith', 'replicated'],
  dataset: { items: 2_000 },
  workload: { script: { file: './flows/write-then-read.ts' } },
  profiles: {
    steady: { executor: 'constant-vus', vus: 8, duration: '15s' },
  },
  warmup: '5s',
  trials: 3,
  thresholds: {
    checks: ['rate>0.99'],
    http_req_failed: ['rate<0.01'],
  },
});
