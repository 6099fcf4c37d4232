/**
 * A saga participant process (ROLE=inventory | payment): its own service with
 * its own Postgres. It pulls its commands from the broker, applies each in its
 * ledger (participant-ledger.ts), publishes the reply, then acks the command —
 * so a participant killed mid-command gets it again (ack wait 3 s) and answers
 * the same. A reset (a seed) is applied after the commands before it and before
 * those after it. Routes: /health and `POST /admin/saga-records` (after its
 * commands are drained: what it did for each saga — what the integrity check
 * compares across services).
 */
import type { JsMsg } from 'nats';
import { Counter } from 'prom-client';
import { consumeInBatches, type RunningConsumer } from '../service/batch-consumer.ts';
import type { Broker } from '../service/broker.ts';
import type { Router } from '../service/http.ts';
import { json } from '../service/http.ts';
import type { ServiceMetrics } from '../service/metrics.ts';
import { healthRoutes } from '../service/routes/health.ts';
import {
  type Command,
  decodeCommand,
  encode,
  type Reply,
  type Reset,
  type ResetDone,
  replyMsgId,
  replySubject,
} from './messages.ts';
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

  const apply = async (m: JsMsg, c: Command): Promise<void> => {
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
  const reset = async (m: JsMsg, r: Reset): Promise<void> => {
    try {
      await ledger.seed(r.items, r.stock);
      const done: ResetDone = { kind: 'reset', reset: r.reset, participant: name };
      await broker.publish(replySubject, encode(done), `saga-reset-${r.reset}-${name}-done`);
      m.ack();
    } catch (err) {
      console.error(`[${name}] reset failed, retrying: ${(err as Error).message}`);
      m.nak(retryDelayMs);
    }
  };
  // Commands of a batch run at once; a reset waits for those before it and holds back those after it.
  const handle = async (batch: JsMsg[]): Promise<void> => {
    let commandsBefore: Promise<void>[] = [];
    for (const m of batch) {
      const c = decodeCommand(m.data);
      if (c === undefined) m.term();
      else if (c.kind === 'reset') {
        await Promise.all(commandsBefore);
        commandsBefore = [];
        await reset(m, c);
      } else commandsBefore.push(apply(m, c));
    }
    await Promise.all(commandsBefore);
  };
  const consumer = consumeInBatches(await broker.consume(name, opts.batch * 2), handle, opts);

  const health = {
    ping: async (ms: number) => {
      await Promise.all([ledger.db.ping(ms), broker.ping(ms)]);
    },
  };
  return {
    consumer,
    routes(router) {
      healthRoutes(router, health, opts.pingMs);
      router.add('POST', '/admin/saga-records', async () => {
        const drained = await broker.drained(name, opts.drainTimeoutMs);
        return json(200, { participant: name, drained, records: await ledger.records() });
      });
    },
  };
}
