/**
 * The saga integrity rule, as a pure function of what each service says it
 * did. Every saga must end all-or-nothing:
 * - committed: the order exists, inventory holds its reservation, payment its charge;
 * - turned back (cancelled, compensated, or failed): no order, no reservation
 *   left (none, rejected or released), no charge left (none, declined or refunded).
 * Anything else is half-done — stock held or money taken for an order that
 * does not exist, or an order whose stock or payment was undone — and so is a
 * saga still open after the drain, and a participant's record of a saga the
 * orders service never began.
 */
export interface SagaSummary {
  id: number;
  state: string;
  reason: string | null;
  /** Whether its order row exists. */
  order: boolean;
}

/** A participant's record of each saga (id → state); undefined when it did not answer. */
export type Records = Record<string, string> | undefined;

export interface SagaVerdict {
  checked: number;
  halfDone: number;
  examples: string[];
  /** Final states of the sagas, by name: committed, compensated, cancelled, failed, open. */
  figures: Record<string, number>;
}

const kept = { inventory: 'reserved', payment: 'charged' } as const;
const undone = { inventory: ['rejected', 'released'], payment: ['declined', 'refunded'] } as const;
const examplesMax = 5;

export function checkSagas(
  sagas: readonly SagaSummary[],
  records: { inventory: Records; payment: Records },
): SagaVerdict {
  const figures: Record<string, number> = {};
  const examples: string[] = [];
  let halfDone = 0;
  const bad = (text: string) => {
    halfDone++;
    if (examples.length < examplesMax) examples.push(text);
  };
  const known = new Set<string>();

  for (const saga of sagas) {
    const id = String(saga.id);
    known.add(id);
    const open = saga.state === 'reserving' || saga.state === 'charging' || saga.state === 'compensating';
    figures[open ? 'open' : saga.state] = (figures[open ? 'open' : saga.state] ?? 0) + 1;
    const wrong: string[] = [];
    const committed = saga.state === 'committed';
    if (open) wrong.push(`still ${saga.state}`);
    if (committed !== saga.order) wrong.push(committed ? 'no order row' : 'an order row');
    for (const p of ['inventory', 'payment'] as const) {
      const r = records[p];
      if (r === undefined) {
        wrong.push(`${p} did not answer`);
        continue;
      }
      const state = r[id];
      if (
        committed
          ? state !== kept[p]
          : state !== undefined && !(undone[p] as readonly string[]).includes(state)
      )
        wrong.push(`${p} ${state ?? 'has no record'}`);
    }
    if (wrong.length > 0)
      bad(`sagas/${id}: ${saga.state}${saga.reason ? ` (${saga.reason})` : ''}, ${wrong.join(', ')}`);
  }
  for (const p of ['inventory', 'payment'] as const)
    for (const [id, state] of Object.entries(records[p] ?? {}))
      if (!known.has(id) && !(undone[p] as readonly string[]).includes(state))
        bad(`sagas/${id}: unknown to the orders service, ${p} ${state}`);
  return { checked: sagas.length, halfDone, examples, figures };
}
