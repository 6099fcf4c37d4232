import { describe, expect, it } from 'vitest';
import { declines } from './participant-ledger.ts';
import { checkSagas, type SagaSummary } from './saga-check.ts';

const saga = (
  id: number,
  state: string,
  order = state === 'committed',
  reason: string | null = null,
): SagaSummary => ({
  id,
  state,
  reason,
  order,
});

describe('checkSagas', () => {
  it('accepts sagas that ended all-or-nothing, and counts them by final state', () => {
    const verdict = checkSagas(
      [
        saga(1, 'committed'),
        saga(2, 'compensated'),
        saga(3, 'cancelled'),
        saga(4, 'compensated'),
        saga(5, 'failed'),
      ],
      {
        inventory: { 1: 'reserved', 2: 'released', 3: 'rejected', 4: 'released', 5: 'released' },
        payment: { 1: 'charged', 2: 'declined', 4: 'refunded' },
      },
    );
    expect(verdict).toEqual({
      checked: 5,
      halfDone: 0,
      examples: [],
      figures: { committed: 1, compensated: 2, cancelled: 1, failed: 1 },
    });
  });

  it('reports half-done sagas with what each service still holds', () => {
    const verdict = checkSagas(
      [
        saga(1, 'failed', false, 'timed out while charging'),
        saga(2, 'committed'),
        saga(3, 'compensating'),
        saga(4, 'cancelled', true),
      ],
      {
        inventory: { 1: 'reserved', 2: 'reserved', 3: 'released', 9: 'reserved' },
        payment: { 1: 'charged', 2: 'refunded', 3: 'charged', 8: 'refunded' },
      },
    );
    expect(verdict.halfDone).toBe(5);
    expect(verdict.examples).toEqual([
      'sagas/1: failed (timed out while charging), inventory reserved, payment charged',
      'sagas/2: committed, payment refunded',
      'sagas/3: compensating, still compensating, payment charged',
      'sagas/4: cancelled, an order row',
      'sagas/9: unknown to the orders service, inventory reserved',
    ]);
    expect(verdict.figures).toEqual({ failed: 1, committed: 1, open: 1, cancelled: 1 });
  });

  it('cannot vouch for a saga whose participant did not answer', () => {
    const verdict = checkSagas([saga(1, 'committed')], { inventory: { 1: 'reserved' }, payment: undefined });
    expect(verdict.examples).toEqual(['sagas/1: committed, payment did not answer']);
  });
});

describe('declines', () => {
  it('declines about the share asked for, always the same sagas', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => i + 1);
    const share = ids.filter((id) => declines(id, 10)).length / ids.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
    expect(ids.filter((id) => declines(id, 0))).toEqual([]);
    expect(ids.every((id) => declines(id, 100))).toBe(true);
    expect(declines(42, 30)).toBe(declines(42, 30));
  });
});
