/**
 * How a toxic plugs into one stream of one connection (a "link", Toxiproxy's
 * ToxicLink). The link feeds chunks through its toxics one at a time and awaits
 * each before the next, so a toxic keeps order simply by awaiting `next`.
 */
import type { Toxic } from '../types.ts';

export interface ToxicContext {
  /** Aborted when the toxic is removed from this link or the connection ends: stop timers, finish sleeps. */
  readonly signal: AbortSignal;
  /** Closes both sides of the connection (FIN after what was already written). */
  closeConnection(): void;
  /** Resets both sides of the connection (RST). */
  resetConnection(): void;
  random(): number;
}

/**
 * Passes a piece to the next toxic. `arrivedAt` (default: the chunk's) is when
 * the next toxic should count it as arrived: a latency toxic passes the time it
 * released it, so latencies on one stream add up, as in Toxiproxy's chain.
 */
export type Next = (piece: Buffer, arrivedAt?: number) => Promise<void>;

export interface LinkToxic {
  /** Passes a chunk on — later, in pieces or not at all. `arrivedAt` is performance.now() when the proxy read it. */
  onChunk(chunk: Buffer, arrivedAt: number, next: Next): Promise<void> | void;
  /** The sender ended its stream (FIN); call `next` to pass the end on. Default: at once. */
  onEnd?(next: () => Promise<void>): Promise<void> | void;
}

export interface ToxicDefinition<T extends Toxic> {
  /** Problems with the attributes, as `attribute: message`; empty when valid. */
  validate(toxic: T): string[];
  /** Called when the toxic starts applying to a link (new connection or toxic added to a live one). */
  attach(toxic: T, ctx: ToxicContext): LinkToxic;
}

export function nonNegative(name: string, value: unknown, required = true): string[] {
  if (value === undefined && !required) return [];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? []
    : [`${name}: expected a finite number ≥ 0, got ${String(value)}`];
}

export function probability(name: string, value: unknown): string[] {
  return typeof value === 'number' && value >= 0 && value <= 1
    ? []
    : [`${name}: expected a number in 0..1, got ${String(value)}`];
}
