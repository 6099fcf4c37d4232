import { describe, expect, it } from 'vitest';
import { asItemState, chain, emptyChecksum, foldItem, ReplayError } from './item-aggregate.ts';

const set = (version: number, value: string) => ({ version, data: { value } });

describe('foldItem', () => {
  it('replays from the start and from a snapshot to the same state', () => {
    const events = Array.from({ length: 10 }, (_, i) => set(i + 1, `v${i + 1}`));
    const full = foldItem(undefined, events);
    expect(full).toMatchObject({ value: 'v10', version: 10 });
    const snapshot = foldItem(undefined, events.slice(0, 6));
    expect(foldItem(snapshot, events.slice(6))).toEqual(full);
  });

  it('keeps the whole history in the checksum: same last value, different past → different state', () => {
    const a = foldItem(undefined, [set(1, 'x'), set(2, 'z')]);
    const b = foldItem(undefined, [set(1, 'y'), set(2, 'z')]);
    expect(a?.value).toBe(b?.value);
    expect(a?.checksum).not.toBe(b?.checksum);
    expect(chain(emptyChecksum, 'x')).toMatch(/^[0-9a-f]{8}$/);
  });

  it('refuses a log with a gap or a repeated version', () => {
    expect(() => foldItem(undefined, [set(1, 'a'), set(3, 'c')])).toThrow(ReplayError);
    expect(() => foldItem(undefined, [set(1, 'a'), set(1, 'a')])).toThrow(/expected version 2, found 1/);
    expect(() => foldItem(undefined, [{ version: 1, data: {} }])).toThrow(/no value/);
    expect(foldItem(undefined, [])).toBeUndefined();
  });

  it('reads back only well-formed snapshots', () => {
    expect(asItemState({ value: 'a', version: 3, checksum: 'deadbeef' })).toEqual({
      value: 'a',
      version: 3,
      checksum: 'deadbeef',
    });
    expect(asItemState({ value: 'a' })).toBeUndefined();
    expect(asItemState(null)).toBeUndefined();
  });
});
