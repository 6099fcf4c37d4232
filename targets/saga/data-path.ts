/**
 * The saga data path, three roles of one program, each with its own Postgres:
 * ROLE=api is the orders service and orchestrator (saga-store.ts,
 * orchestrator.ts) and serves the shared API plus `POST /admin/sagas`;
 * ROLE=inventory and ROLE=payment are the participants (participant.ts).
 */
import { apiPath, ensureSchema } from '../service/api-path.ts';
import { Broker } from '../service/broker.ts';
import { requireDatabaseUrl } from '../service/config.ts';
import { defineDataPath } from '../service/data-path.ts';
import { json } from '../service/http.ts';
import { PgStore } from '../service/store.ts';
import { sagaCompensation } from './architecture.ts';
import { type Participant, sagaLayout } from './messages.ts';
import { Orchestrator } from './orchestrator.ts';
import { startParticipant } from './participant.ts';
import { ledgerSql, ParticipantLedger } from './participant-ledger.ts';
import { sagaAdmin } from './saga-admin.ts';
import { SagaLog, sagaLogSql } from './saga-log.ts';
import { SagaStore } from './saga-store.ts';

export const dataPath = defineDataPath({
  roles: ['api', 'inventory', 'payment'],
  settings(env, config) {
    const common = {
      databaseUrl: requireDatabaseUrl(env, config),
      natsUrl: env.natsUrl('NATS_URL'),
      /** Waits for open sagas (api) or queued commands (participants) before a seed or a check, ms. */
      drainTimeoutMs: env.int('QUEUE_DRAIN_TIMEOUT_MS', 30_000, 0, 600_000),
    };
    if (config.role !== 'api')
      return {
        ...common,
        role: 'participant' as const,
        participant: config.role as Participant,
        declinePct: env.int('PAYMENT_DECLINE_PCT', 0, 0, 100),
      };
    return {
      ...common,
      role: 'api' as const,
      stepTimeoutMs: env.int('SAGA_STEP_TIMEOUT_MS', 2_000, 10, 600_000),
      compensation: env.oneOf('SAGA_COMPENSATION', sagaCompensation, 'on') === 'on',
      stock: env.int('SAGA_STOCK', 1_000_000, 0, 1_000_000_000),
    };
  },
  describe: (s) =>
    s.role === 'api'
      ? `saga orchestrator: orders → inventory, payment over nats (compensation ${s.compensation ? 'on' : 'off'})`
      : `saga participant: ${s.participant}`,
  async open(ctx, s) {
    const { config } = ctx;
    const db = ctx.db(s.databaseUrl);
    const broker = () =>
      Broker.connect(
        s.natsUrl,
        config.dbTimeoutMs,
        `harness-saga-${config.role}`,
        sagaLayout,
        ctx.resilience.for('nats'),
      );

    if (s.role === 'participant') {
      await ensureSchema([db], (d) =>
        d.query('saga-ledger-schema', ledgerSql[s.participant], [], { direct: true }),
      );
      const nats = await broker().catch(async (err: unknown) => {
        await db.close();
        throw err;
      });
      const running = await startParticipant(
        new ParticipantLedger(s.participant, db, s.declinePct),
        nats,
        ctx.metrics,
        {
          batch: 64,
          concurrency: 2,
          drainTimeoutMs: s.drainTimeoutMs,
          pingMs: ctx.pingMs,
        },
      );
      return {
        routes: running.routes,
        async close() {
          await running.consumer.stop();
          await nats.close();
          await db.close();
        },
      };
    }

    const log = new SagaLog(db);
    await ensureSchema([db], async (d) => {
      await d.ensureSchema();
      await d.query('saga-log-schema', sagaLogSql, [], { direct: true });
    });
    const nats = await broker().catch(async (err: unknown) => {
      await db.close();
      throw err;
    });
    const orchestrator = new Orchestrator(log, nats, ctx.metrics, {
      stepTimeoutMs: s.stepTimeoutMs,
      compensation: s.compensation,
      sweepMs: Math.max(50, Math.min(250, Math.round(s.stepTimeoutMs / 4))),
    });
    await orchestrator.start();
    const store = new SagaStore(new PgStore(db), orchestrator, nats, s.drainTimeoutMs);
    const path = apiPath(
      store,
      sagaAdmin(db, log, orchestrator, { stock: s.stock, timeoutMs: s.drainTimeoutMs }),
      ctx.pingMs,
    );
    return {
      routes(router) {
        path.routes(router);
        router.add('POST', '/admin/sagas', async () => {
          const settled = await orchestrator.settled(s.drainTimeoutMs);
          return json(200, { settled, sagas: await log.list() });
        });
      },
      close: path.close,
    };
  },
});
