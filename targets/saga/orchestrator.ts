/**
 * The saga orchestrator, in the orders service: POST /orders begins a saga
 * (saga-log.ts) and sends `reserve` to inventory; each reply moves it on —
 * `charge` to payment, then commit (the order row) — or back: a rejected
 * reservation cancels it, a declined charge or a step that waited longer than
 * `stepTimeoutMs` sends the compensations (`release`, and `refund` if the
 * charge was asked for) and waits for both to be confirmed, sending them
 * again while they are not. With compensation off, it just marks the saga
 * failed: whatever a participant did stays done — the half-done sagas the
 * integrity check counts.
 * The HTTP request waits for the saga to commit or to turn back.
 */
import { randomUUID } from 'node:crypto';
import { Counter, Gauge, Summary } from 'prom-client';
import { consumeInBatches, type RunningConsumer } from '../service/batch-consumer.ts';
import type { Broker } from '../service/broker.ts';
import type { ServiceMetrics } from '../service/metrics.ts';
import {
  type Command,
  type CommandKind,
  commandMsgId,
  commandSubject,
  decodeReply,
  encode,
  orchestratorConsumer,
  participantOf,
  participants,
  type Reply,
  type Reset,
  type ResetDone,
} from './messages.ts';
import type { SagaLog, SagaRow } from './saga-log.ts';

export interface SagaEnd {
  outcome: 'committed' | 'cancelled' | 'compensating' | 'compensated' | 'failed';
  reason?: string;
}

export interface OrchestratorOptions {
  stepTimeoutMs: number;
  compensation: boolean;
  sweepMs: number;
}

export class Orchestrator {
  readonly #log: SagaLog;
  readonly #broker: Broker;
  readonly #opts: OrchestratorOptions;
  readonly #waiters = new Map<number, (end: SagaEnd) => void>();
  readonly #started = new Map<number, number>();
  /** Resets in progress: reset id → participants that have not confirmed yet, and who waits. */
  readonly #resets = new Map<string, { left: Set<string>; done: () => void }>();
  readonly #m: ReturnType<typeof sagaMetrics>;
  #consumer: RunningConsumer | undefined;
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<void> | undefined;

  constructor(log: SagaLog, broker: Broker, metrics: ServiceMetrics, opts: OrchestratorOptions) {
    this.#log = log;
    this.#broker = broker;
    this.#opts = opts;
    this.#m = sagaMetrics(metrics, () => log.openCount());
  }

  async start(): Promise<void> {
    this.#consumer = consumeInBatches(
      await this.#broker.consume(orchestratorConsumer, 512),
      async (batch) => {
        await Promise.all(
          batch.map(async (m) => {
            const reply = decodeReply(m.data);
            if (reply === undefined) return m.term();
            if (reply.kind === 'reset') {
              this.#onResetDone(reply);
              return m.ack();
            }
            try {
              await this.#onReply(reply);
              m.ack();
            } catch (err) {
              console.error(
                `[saga] reply ${reply.kind}/${reply.outcome} for ${reply.saga}: ${(err as Error).message}`,
              );
              m.nak(500);
            }
          }),
        );
      },
      { batch: 256, concurrency: 4 },
    );
    this.#timer = setInterval(() => void this.sweep(), this.#opts.sweepMs);
  }

  /**
   * Begins a saga for an order and waits until it commits or turns back.
   * Undefined: the item is not in the catalog.
   */
  async order(itemId: number, qty: number): Promise<{ id: number; end: SagaEnd } | undefined> {
    const saga = await this.#log.begin(itemId, qty);
    if (saga === undefined) return undefined;
    this.#m.started.inc();
    this.#started.set(saga.id, performance.now());
    const ended = new Promise<SagaEnd>((resolve) => this.#waiters.set(saga.id, resolve));
    try {
      await this.#send(saga, 'reserve');
    } catch (err) {
      // Begun but not sent: the sweep times it out and compensates (a release leaves a tombstone).
      this.#waiters.delete(saga.id);
      throw err;
    }
    // The sweep ends every step within about stepTimeoutMs; this only bounds a database that stopped answering.
    const deadline = 2 * this.#opts.stepTimeoutMs + 5_000;
    let timer: NodeJS.Timeout | undefined;
    const end = await Promise.race([
      ended,
      new Promise<SagaEnd>((resolve) => {
        timer = setTimeout(() => resolve({ outcome: 'compensating', reason: 'no answer in time' }), deadline);
      }),
    ]).finally(() => clearTimeout(timer));
    this.#waiters.delete(saga.id);
    return { id: saga.id, end };
  }

  /**
   * Resets every participant (a seed): the reset goes through the broker behind
   * the commands still queued, and each participant confirms it. Rejects when
   * one has not confirmed within `timeoutMs`.
   */
  async resetParticipants(items: number, stock: number, timeoutMs: number): Promise<void> {
    const id = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const confirmed = new Promise<void>((resolve, reject) => {
      const left = new Set<string>(participants);
      this.#resets.set(id, { left, done: resolve });
      timer = setTimeout(
        () => reject(new Error(`${[...left].join(', ')} did not confirm the reset within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      for (const p of participants) {
        const reset: Reset = { kind: 'reset', reset: id, items, stock: p === 'inventory' ? stock : 0 };
        await this.#broker.publish(commandSubject(p), encode(reset), `saga-reset-${id}-${p}`);
      }
      await confirmed;
    } finally {
      clearTimeout(timer);
      this.#resets.delete(id);
    }
  }

  /** Times out waiting steps and sends again the compensations not yet confirmed. */
  sweep(): Promise<void> {
    this.#sweeping ??= (async () => {
      try {
        for (const s of await this.#log.timeOut(this.#opts.stepTimeoutMs, this.#opts.compensation)) {
          this.#m.timeouts.inc({ step: s.was });
          const reason = `timed out while ${s.was}`;
          if (!this.#opts.compensation) {
            this.#ended(s.id, { outcome: 'failed', reason });
            continue;
          }
          this.#wake(s.id, { outcome: 'compensating', reason });
          await this.#compensate(s, s.was === 'charging' ? ['release', 'refund'] : ['release']);
        }
        for (const s of await this.#log.stuck(this.#opts.stepTimeoutMs)) {
          const owed: CommandKind[] = [];
          if (!s.releaseDone) owed.push('release');
          if (!s.refundDone) owed.push('refund');
          for (const kind of owed) await this.#send(s, kind).catch(() => {});
        }
      } catch (err) {
        console.error(`[saga] sweep: ${(err as Error).message}`);
      } finally {
        this.#sweeping = undefined;
      }
    })();
    return this.#sweeping;
  }

  /** Until no saga is open (or `timeoutMs` passed): false when some still are. */
  async settled(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await this.#log.openCount().catch(() => 1)) === 0) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#sweeping;
    await this.#consumer?.stop();
  }

  #onResetDone(r: ResetDone): void {
    const pending = this.#resets.get(r.reset);
    if (pending === undefined) return; // a reset of an earlier seed, or of another process
    pending.left.delete(r.participant);
    if (pending.left.size === 0) pending.done();
  }

  async #onReply(r: Reply): Promise<void> {
    switch (r.outcome) {
      case 'reserved': {
        const s = await this.#log.move(r.saga, 'reserving', 'charging');
        if (s !== undefined) await this.#send(s, 'charge').catch(() => {}); // the sweep takes it from here
        return;
      }
      case 'rejected':
        if (await this.#log.move(r.saga, 'reserving', 'cancelled', 'out of stock'))
          this.#ended(r.saga, { outcome: 'cancelled', reason: 'out of stock' });
        return;
      case 'charged':
        if (await this.#log.commit(r.saga)) this.#ended(r.saga, { outcome: 'committed' });
        return;
      case 'declined': {
        if (!this.#opts.compensation) {
          if (await this.#log.move(r.saga, 'charging', 'failed', 'payment declined'))
            this.#ended(r.saga, { outcome: 'failed', reason: 'payment declined' });
          return;
        }
        const s = await this.#log.compensateDecline(r.saga);
        if (s === undefined) return;
        this.#wake(r.saga, { outcome: 'compensating', reason: 'payment declined' });
        await this.#compensate(s, ['release']);
        return;
      }
      case 'released':
      case 'refunded':
        if (await this.#log.compensated(r.saga, r.outcome === 'released' ? 'release' : 'refund'))
          this.#ended(r.saga, { outcome: 'compensated' });
        return;
    }
  }

  async #compensate(s: SagaRow, kinds: CommandKind[]): Promise<void> {
    for (const kind of kinds) {
      this.#m.compensations.inc({ participant: participantOf[kind] });
      // Not sent now (broker unreachable): the sweep sends it again.
      await this.#send(s, kind).catch(() => {});
    }
  }

  #send(s: SagaRow, kind: CommandKind): Promise<unknown> {
    const c: Command = { saga: s.id, kind, itemId: s.itemId, qty: s.qty, amount: s.amount };
    return this.#broker.publish(commandSubject(participantOf[kind]), encode(c), commandMsgId(c));
  }

  /** Answers the request waiting on this saga, if any. */
  #wake(id: number, end: SagaEnd): void {
    this.#waiters.get(id)?.(end);
    this.#waiters.delete(id);
  }

  /** A saga reached a final state: counted, timed, and its request answered. */
  #ended(id: number, end: SagaEnd): void {
    this.#m.ended.inc({ outcome: end.outcome });
    const began = this.#started.get(id);
    this.#started.delete(id);
    if (began !== undefined)
      this.#m.duration.observe({ outcome: end.outcome }, (performance.now() - began) / 1000);
    this.#wake(id, end);
  }
}

function sagaMetrics(metrics: ServiceMetrics, open: () => Promise<number>) {
  const registers = [metrics.registry];
  new Gauge({
    name: 'saga_open',
    help: 'Sagas neither committed nor turned back yet (reserving, charging, compensating)',
    registers,
    async collect() {
      const n = await open().catch(() => undefined);
      if (n === undefined) this.reset();
      else this.set(n);
    },
  });
  return {
    started: new Counter({ name: 'saga_started_total', help: 'Sagas begun (one per order)', registers }),
    ended: new Counter({
      name: 'saga_ended_total',
      help: 'Sagas that reached a final state: committed, cancelled (out of stock), compensated, failed (compensation off)',
      labelNames: ['outcome'] as const,
      registers,
    }),
    duration: new Summary({
      name: 'saga_duration_seconds',
      help: 'From the order to the saga’s final state, by outcome (sagas begun by this process)',
      labelNames: ['outcome'] as const,
      percentiles: [0.5, 0.99],
      registers,
    }),
    timeouts: new Counter({
      name: 'saga_step_timeouts_total',
      help: 'Saga steps that waited longer than the step timeout, by step',
      labelNames: ['step'] as const,
      registers,
    }),
    compensations: new Counter({
      name: 'saga_compensations_total',
      help: 'Compensating commands issued (release, refund), by participant; repeats not counted',
      labelNames: ['participant'] as const,
      registers,
    }),
  };
}
