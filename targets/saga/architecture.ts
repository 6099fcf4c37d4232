import { defineArchitecture } from '../plug/architecture.ts';
import { int, oneOf } from '../plug/params.ts';
import { resilienceParams } from '../plug/resilience-params.ts';
import { serviceComponent } from '../plug/service-component.ts';

export const sagaCompensation = ['on', 'off'] as const;

/**
 * An order that spans three services, each with its own Postgres: orders (the
 * orchestrator, and the shared API), inventory and payment, talking through
 * NATS JetStream — they know nothing of each other's addresses, so they start
 * side by side. A saga reserves stock, charges the payment and commits the
 * order; a refusal or a step that times out (a participant killed, the broker
 * partitioned) sends compensations until both are confirmed. After the load,
 * harness asks every service what it did and counts the sagas that did not
 * end all-or-nothing as lost — with `compensation: 'off'`, they do not.
 */
export const saga = defineArchitecture({
  name: 'saga',
  description:
    'orders (orchestrator) → inventory, payment: separate services and Postgres, over NATS; compensation on failure',
  params: {
    stepTimeoutMs: int(
      2_000,
      10,
      600_000,
      'a saga step waiting longer than this is turned back (SAGA_STEP_TIMEOUT_MS)',
    ),
    compensation: oneOf(
      sagaCompensation,
      'on',
      'undo the steps a failed saga did; off: mark it failed and leave them (SAGA_COMPENSATION)',
    ),
    declinePct: int(
      0,
      0,
      100,
      'share of payments declined, %: sagas compensated without any fault (PAYMENT_DECLINE_PCT)',
    ),
    stock: int(1_000_000, 0, 1_000_000_000, 'units of every item in inventory after a seed (SAGA_STOCK)'),
    poolSize: int(10, 1, 1_000, 'Postgres connections per service (DB_POOL_SIZE)'),
    drainTimeoutMs: int(
      30_000,
      0,
      600_000,
      'the integrity check waits at most this long for open sagas and queued commands (QUEUE_DRAIN_TIMEOUT_MS)',
    ),
    ...resilienceParams,
  },
  topology: (p) => {
    const participant = (name: 'inventory' | 'payment', env: Record<string, string> = {}) =>
      serviceComponent({
        dataPath: 'saga',
        resilience: p,
        name,
        uses: [`${name}-db`, 'nats'],
        databaseUrl: `{{${name}-db.url}}`,
        env: {
          ROLE: name,
          DB_POOL_SIZE: String(p.poolSize),
          NATS_URL: '{{nats.url}}',
          QUEUE_DRAIN_TIMEOUT_MS: String(p.drainTimeoutMs),
          ...env,
        },
      });
    return {
      name: 'saga',
      description: `orders → inventory, payment over nats (step timeout ${p.stepTimeoutMs} ms, compensation ${p.compensation}${p.declinePct > 0 ? `, ${p.declinePct} % declined` : ''})`,
      entry: 'app',
      components: [
        { name: 'postgres', kind: 'postgres' },
        { name: 'inventory-db', kind: 'postgres' },
        { name: 'payment-db', kind: 'postgres' },
        { name: 'nats', kind: 'nats' },
        participant('inventory'),
        participant('payment', { PAYMENT_DECLINE_PCT: String(p.declinePct) }),
        serviceComponent({
          dataPath: 'saga',
          resilience: p,
          uses: ['postgres', 'nats'],
          env: {
            DB_POOL_SIZE: String(p.poolSize),
            NATS_URL: '{{nats.url}}',
            SAGA_STEP_TIMEOUT_MS: String(p.stepTimeoutMs),
            SAGA_COMPENSATION: p.compensation,
            SAGA_STOCK: String(p.stock),
            QUEUE_DRAIN_TIMEOUT_MS: String(p.drainTimeoutMs),
          },
        }),
      ],
    };
  },
  dataPath: () => import('./data-path.ts').then((m) => m.dataPath),
  verify: (ctx) => import('./verify.ts').then((m) => m.verifySagas(ctx)),
});
