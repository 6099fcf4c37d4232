/**
 * The saga architecture's own integrity check, run by harness after the load
 * (plug/verify.ts): it asks each service for its own truth — the orders
 * service for every saga once none is open, each participant for its
 * records once its commands are drained — and counts the sagas that did not
 * end all-or-nothing (saga-check.ts) as lost data.
 */
import { type ArchitectureVerify, postAdmin } from '../plug/verify.ts';
import type { Participant } from './messages.ts';
import { checkSagas, type Records, type SagaSummary } from './saga-check.ts';

export const verifySagas: ArchitectureVerify = async (ctx) => {
  const { sagas } = await postAdmin<{ sagas: SagaSummary[] }>(`${ctx.entryUrl}/admin/sagas`, {}, ctx.signal);
  const records = async (p: Participant): Promise<Records> => {
    const url = ctx.urls(p)[0];
    if (url === undefined) return undefined;
    try {
      return (
        await postAdmin<{ records: Record<string, string> }>(`${url}/admin/saga-records`, {}, ctx.signal)
      ).records;
    } catch {
      return undefined; // a participant that does not answer: no saga it took part in can be vouched for
    }
  };
  const [inventory, payment] = await Promise.all([records('inventory'), records('payment')]);
  const verdict = checkSagas(sagas, { inventory, payment });
  return [
    {
      name: 'half-done sagas',
      checked: verdict.checked,
      failed: verdict.halfDone,
      examples: verdict.examples,
      figures: verdict.figures,
    },
  ];
};
