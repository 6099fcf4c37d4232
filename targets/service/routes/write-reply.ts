/**
 * The answer to a write. Synchronous paths answer 200/201 once the write is
 * stored; the queued path answers 202 `{ …, status: 'accepted' }` once the
 * broker has it. Either way the body carries `{ entity, id, version }`, which
 * is what the integrity ledger records.
 */
import type { Reply } from '../http.ts';
import { json } from '../http.ts';

export interface WriteRouteOptions {
  /** Writes are accepted for later persistence (queued): 202 and `status: 'accepted'`. */
  accepted?: boolean;
}

export interface WriteAck {
  entity: 'items' | 'orders';
  id: number;
  version: number;
}

export function writeReply(status: 200 | 201, ack: WriteAck, options: WriteRouteOptions): Reply {
  return options.accepted === true ? json(202, { ...ack, status: 'accepted' }) : json(status, ack);
}
