import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../model/index.ts';
import { checkIntegrity, describeChecks } from './architecture-integrity.ts';

/** Only what checkIntegrity reads of a deployment: the entry and its components' URLs. */
const deployment = {
  entryUrl: 'http://127.0.0.1:1',
  component: (name: string) => (name === 'payment' ? [{ url: 'http://127.0.0.1:2' }] : []),
} as unknown as Deployment;
const signal = new AbortController().signal;
const noLedgerRead = async () => {
  throw new Error('no ledger to read back');
};

describe('checkIntegrity', () => {
  it('has nothing to say without a ledger or own checks', async () => {
    expect(await checkIntegrity(deployment, [], undefined, noLedgerRead, signal)).toBeUndefined();
  });

  it('runs an architecture’s own checks without a ledger, counting their failures as lost', async () => {
    const seen: string[][] = [];
    const report = await checkIntegrity(
      deployment,
      [],
      async (ctx) => {
        seen.push([ctx.entryUrl, ...ctx.urls('payment')]);
        return [
          {
            name: 'half-done sagas',
            checked: 40,
            failed: 7,
            examples: Array.from({ length: 7 }, (_, i) => `sagas/${i + 1}: payment charged, order cancelled`),
            figures: { committed: 30, compensated: 3 },
          },
          { name: 'event log', checked: 10, failed: 0, examples: [] },
        ];
      },
      noLedgerRead,
      signal,
    );
    expect(seen).toEqual([['http://127.0.0.1:1', 'http://127.0.0.1:2']]);
    expect(report).toMatchObject({ checked: 0, lost: 7, stale: 0, duplicated: 0 });
    expect(report?.examples.lost).toHaveLength(5);
    expect(report?.checks?.map((c) => c.name)).toEqual(['half-done sagas', 'event log']);
    expect(describeChecks(report!)).toBe(', half-done sagas 7 of 40, event log 0 of 10');
  });
});
