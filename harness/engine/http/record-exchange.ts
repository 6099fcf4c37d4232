import type { ErrorClass } from '../../../model/index.ts';
import type { Exchange } from './client.ts';
import type { RunContext } from './run-context.ts';

/**
 * Records one finished exchange in its recorder slot, timed by the one rule
 * both kinds of VU follow: open model, `duration` from the intended start
 * (coordinated omission corrected) and `serviceTime` from the actual send;
 * closed model, `duration` from the send, as k6 measures it.
 */
export function recordExchange(
  run: RunContext,
  slot: number,
  ex: Exchange,
  error: ErrorClass | undefined,
  now: number,
): void {
  const sentAt = ex.sentAt >= 0 ? ex.sentAt : ex.dispatchedAt;
  const durationUs = (now - (run.open ? ex.intendedAt : sentAt)) * 1000;
  const serviceUs = run.open && ex.sentAt >= 0 ? (now - ex.sentAt) * 1000 : -1;
  run.recorder.recordBySlot(now, slot, durationUs, serviceUs, ex.status, error, ex.sent, ex.received);
}
