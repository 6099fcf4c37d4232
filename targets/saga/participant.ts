/**
 * A saga participant process (ROLE=inventory | payment): its own service with
 * its own Postgres. It pulls its commands from the broker, applies each in its
 * ledger (participant-ledger.ts), publishes the reply, then acks the command —
 * so a participant killed mid-command gets it again (ack wait 3 s) and answers
 * the same. Routes: /health, `POST /admin/seed` (its own part of the dataset)
 * and `POST /admin/saga-records` (after its commands are drained: what it did
 * for each saga — what the integrity check compares across services).
 */
import type { JsMsg } from 'nats';
import { Counter } from 'prom-client';
import { consumeInBatches, type RunningConsumer } from '../service/batch-consumer.ts';
import type { Broker } from '../service/broker.ts';
import { HttpError } from '../service/errors.ts';
import type { Router } from '../service/http.ts';
import { isObject, json, readJson } from '../service/http.ts';
import type { ServiceMetrics } from '../service/metrics.ts';
import { healthRoutes } from '../service/routes/health.ts';
import { decodeCommand, encode, type Reply, replyMsgId, replySubject } from './messages.ts';
import type { ParticipantLedger } from './participant-ledger.ts';

const retryDelayMs = 500;

export interface ParticipantOptions {
  batch: number;
  concurrency: number;
  drainTimeoutMs: number;
  pingMs: number;
}

export async function startParticipant(
  ledger: ParticipantLedger,
  broker: Broker,
  metrics: ServiceMetrics,
  opts: ParticipantOptions,
): Promise<{ routes(router: Router): void; consumer: RunningConsumer }> {
  const name = ledger.participant;
  const commands = new Counter({
    name: 'saga_commands_total',
    help: 'Saga commands this participant applied, by command and outcome (redeliveries included)',
    labelNames: ['participant', 'command', 'outcome'] as const,
    registers: [metrics.registry],
  });
  const failures = new Counter({
    name: 'saga_command_failures_total',
    help: 'Saga commands that failed and were nak-ed for redelivery',
    labelNames: ['participant'] as const,
    registers: [metrics.registry],
  });

  const handle = async (m: JsMsg): Promise<void> => {
    const c = decodeCommand(m.data);
    if (c === undefined) {
      m.term();
      return;
    }
    try {
      const outcome = await ledger.apply(c);
      const reply: Reply = { saga: c.saga, participant: name, kind: c.kind, outcome };
      await broker.publish(replySubject, encode(reply), replyMsgId(reply));
      m.ack();
      commands.inc({ participant: name, command: c.kind, outcome });
    } catch (err) {
      failures.inc({ participant: name });
      console.error(`[${name}] ${c.kind} for saga ${c.saga} failed, retrying: ${(err as Error).message}`);
      m.nak(retryDelayMs);
    }
  };
  const consumer = consumeInBatches(
    await broker.consume(name, opts.batch * 2),
    async (batch) => {
      await Promise.all(batch.map(handle));
    },
    opts,
  );

  const health = {
    ping: async (ms: number) => {
      await Promise.all([ledger.db.ping(ms), broker.ping(ms)]);
    },
  };
  return {
    consumer,
    routes(router) {
      healthRoutes(router, health, opts.pingMs);
      router.add('POST', '/admin/seed', async (req) => {
        const body = await readJson(req.raw);
        const items = isObject(body) ? body.items : undefined;
        const stock = isObject(body) ? body.stock : undefined;
        if (typeof items !== 'number' || !Number.isInteger(items) || items < 0)
          throw new HttpError(400, 'items must be an integer ≥ 0');
        if (typeof stock !== 'number' || !Number.isInteger(stock) || stock < 0)
          throw new HttpError(400, 'stock must be an integer ≥ 0');
        await broker.drained(name, opts.drainTimeoutMs);
        await ledger.seed(items, stock);
        return json(200, { items, stock });
      });
      router.add('POST', '/admin/saga-records', async () => {
        const drained = await broker.drained(name, opts.drainTimeoutMs);
        return json(200, { participant: name, drained, records: await ledger.records() });
      });
    },
  };
}
