import { defineScenario } from 'harness';

/**
 * Kill one of three Postgres shards: requests for its keys fail (about a third), the others are untouched; after the restart the shard serves its data again and no acknowledged write is lost.
 * Each target runs twice: once without faults (the reference) and once with the fault schedule.
 */
export default defineScenario({
  name: 'chaos-kill-shard',
  description:
    'Kill one of three Postgres shards: requests for its keys fail (about a third), the others are untouched; after the restart the shard serves its data again and no acknowledged write is lost.',
  targets: ['sharded', { arch: 'sharded', name: 'sharded-resilient', params: { resilience: 'on' } }],
  dataset: { items: 5_000 },
  workload: {
    mix: [
      { name: 'get-item', weight: 8, path: '/items/{key}', key: { dist: 'zipfian' } },
      {
        name: 'put-item',
        weight: 2,
        method: 'PUT',
        path: '/items/{key}',
        body: { value: 'v-{rand}' },
        ledger: true,
      },
    ],
  },
  profiles: {
    steady: {
      executor: 'constant-arrival-rate',
      rate: 100,
      duration: '40s',
      preAllocatedVUs: 20,
      maxVUs: 200,
    },
  },
  // The steady state: the fault-impact figures say when the target left it and when it came back.
  thresholds: {
    http_req_duration: ['p(99)<300'],
    http_req_failed: ['rate<0.01'],
  },
  schedules: {
    none: {},
    'kill-shard-1': {
      faults: [{ kind: 'kill', at: '10s', target: 'shard', instance: 1, restartAfter: '10s' }],
    },
  },
});
