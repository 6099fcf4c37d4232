/**
 * The aggregates of the event-sourced path and how their state is rebuilt: a
 * left fold over their events, from the start or from a snapshot. An item's
 * state depends on its whole history — the value of its last `ItemSet`, its
 * version and a running checksum of every value it ever had — so a read
 * really replays every event after the snapshot it starts from.
 */

export interface ItemState {
  value: string;
  /** The version of the last event folded in (= the number of events). */
  version: number;
  /** FNV-1a 32-bit chain over every value, 8 hex digits: equal only for equal histories. */
  checksum: string;
}

export interface StoredEvent {
  version: number;
  data: unknown;
}

export class ReplayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayError';
  }
}

export const emptyChecksum = '811c9dc5';

/** FNV-1a 32-bit of `prev|value`, as 8 hex digits. */
export function chain(prev: string, value: string): string {
  let h = 0x811c9dc5;
  const text = `${prev}|${value}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Folds `ItemSet` events (version order, each one more than the last) onto
 * `from` (a snapshot's state, or undefined: the start). A missing or repeated
 * version is a ReplayError: the log is not what was appended.
 */
export function foldItem(from: ItemState | undefined, events: readonly StoredEvent[]): ItemState | undefined {
  let state = from;
  for (const e of events) {
    const expected = (state?.version ?? 0) + 1;
    if (e.version !== expected) throw new ReplayError(`expected version ${expected}, found ${e.version}`);
    const value = (e.data as { value?: unknown } | null)?.value;
    if (typeof value !== 'string') throw new ReplayError(`event ${e.version} has no value`);
    state = { value, version: e.version, checksum: chain(state?.checksum ?? emptyChecksum, value) };
  }
  return state;
}

/** A snapshot's stored state, checked: undefined when it is not an ItemState. */
export function asItemState(raw: unknown): ItemState | undefined {
  const s = raw as Partial<ItemState> | null;
  return typeof s?.value === 'string' && typeof s.version === 'number' && typeof s.checksum === 'string'
    ? { value: s.value, version: s.version, checksum: s.checksum }
    : undefined;
}
