/**
 * The saga's messages and their JetStream layout. The orchestrator (the
 * orders service) sends commands to each participant and the participants
 * answer on one reply subject; all of it goes through the broker, durably:
 * a participant that is down finds its commands waiting when it is back.
 * - Stream `saga` (work queue, file storage): `saga.cmd.inventory`,
 *   `saga.cmd.payment`, `saga.reply`; one durable consumer per reader
 *   (`inventory`, `payment`, `orchestrator`), each filtered to its subject.
 * - Every message carries a msgID (`saga-<id>-<command>[-reply]`): a repeat
 *   within the 2-minute window is stored once, and every handler is
 *   idempotent anyway.
 * - A seed resets the participants the same way, in order behind whatever
 *   commands are still queued: `{ kind: 'reset', reset, items, stock }`,
 *   answered `{ kind: 'reset', reset, participant }`. So the orders service
 *   needs no address of theirs: the three talk only through the broker.
 */
import type { StreamLayout } from '../service/broker.ts';

export const participants = ['inventory', 'payment'] as const;
export type Participant = (typeof participants)[number];

export type CommandKind = 'reserve' | 'release' | 'charge' | 'refund';
export type Outcome = 'reserved' | 'rejected' | 'released' | 'charged' | 'declined' | 'refunded';

export interface Command {
  saga: number;
  kind: CommandKind;
  itemId: number;
  qty: number;
  /** Cents, for charge and refund. */
  amount: number;
}

export interface Reply {
  saga: number;
  participant: Participant;
  kind: CommandKind;
  outcome: Outcome;
}

/** Forget every saga (inventory: `stock` units of items 1..items), after the commands queued before it. */
export interface Reset {
  kind: 'reset';
  /** Which seed asked: its replies carry it back. */
  reset: string;
  items: number;
  stock: number;
}

export interface ResetDone {
  kind: 'reset';
  reset: string;
  participant: Participant;
}

export const participantOf: Record<CommandKind, Participant> = {
  reserve: 'inventory',
  release: 'inventory',
  charge: 'payment',
  refund: 'payment',
};

export const commandSubject = (p: Participant): string => `saga.cmd.${p}`;
export const replySubject = 'saga.reply';
export const orchestratorConsumer = 'orchestrator';

/** Unacked for this long → redelivered (a participant killed mid-command gets it again when back). */
const ackWaitMs = 3_000;

export const sagaLayout: StreamLayout = {
  stream: 'saga',
  subjects: [commandSubject('inventory'), commandSubject('payment'), replySubject],
  consumers: [
    { name: 'inventory', filter: commandSubject('inventory'), ackWaitMs, maxAckPending: 10_000 },
    { name: 'payment', filter: commandSubject('payment'), ackWaitMs, maxAckPending: 10_000 },
    { name: orchestratorConsumer, filter: replySubject, ackWaitMs, maxAckPending: 10_000 },
  ],
  duplicateWindowMs: 120_000,
};

export const commandMsgId = (c: Command): string => `saga-${c.saga}-${c.kind}`;
export const replyMsgId = (r: Reply): string => `saga-${r.saga}-${r.kind}-reply`;

export const encode = (m: Command | Reply | Reset | ResetDone): Uint8Array => Buffer.from(JSON.stringify(m));

function parse(data: Uint8Array): Record<string, unknown> | undefined {
  try {
    const m: unknown = JSON.parse(Buffer.from(data).toString('utf8'));
    return typeof m === 'object' && m !== null ? (m as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const int = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const kinds: readonly string[] = ['reserve', 'release', 'charge', 'refund'];
const outcomes: readonly string[] = ['reserved', 'rejected', 'released', 'charged', 'declined', 'refunded'];

const count = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A command or a reset, or undefined (poison: terminated, not retried). */
export function decodeCommand(data: Uint8Array): Command | Reset | undefined {
  const m = parse(data);
  if (m === undefined) return undefined;
  if (m.kind === 'reset')
    return typeof m.reset === 'string' && count(m.items) && count(m.stock)
      ? (m as unknown as Reset)
      : undefined;
  return int(m.saga) && kinds.includes(m.kind as string) && int(m.itemId) && int(m.qty) && int(m.amount)
    ? (m as unknown as Command)
    : undefined;
}

export function decodeReply(data: Uint8Array): Reply | ResetDone | undefined {
  const m = parse(data);
  if (m === undefined || !(participants as readonly string[]).includes(m.participant as string))
    return undefined;
  if (m.kind === 'reset') return typeof m.reset === 'string' ? (m as unknown as ResetDone) : undefined;
  return int(m.saga) && kinds.includes(m.kind as string) && outcomes.includes(m.outcome as string)
    ? (m as unknown as Reply)
    : undefined;
}
