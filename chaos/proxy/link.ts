/**
 * One stream of one proxied connection (Toxiproxy's ToxicLink): reads from one
 * socket and writes to the other.
 *
 * With no toxic on it, a chunk goes straight through with backpressure, as
 * `pipe()` does — the pass-through cost is one branch per chunk. Once a toxic
 * applies (or the link is frozen), chunks queue and are fed through the toxics
 * one at a time, each awaited before the next, which keeps byte order whatever
 * the toxics do. When the last toxic is removed the queue drains first and the
 * link then falls back to the direct path by itself.
 */
import type { Socket } from 'node:net';
import type { LinkToxic, ToxicContext } from './toxics/toxic-definition.ts';
import type { ToxicStream } from './types.ts';

/** What a link needs from its connection. */
export interface LinkOwner {
  closeConnection(): void;
  resetConnection(): void;
  fail(err: unknown): void;
  readonly random: () => number;
}

interface Entry {
  readonly name: string;
  readonly toxic: LinkToxic;
  readonly controller: AbortController;
}

/** A chunk and when it was read, or null for the end of the stream. */
type Item = { chunk: Buffer; at: number } | null;

// Why reading from the source is paused; reading resumes when no reason is left.
const PAUSED_FOR_DRAIN = 1;
const PAUSED_FOR_QUEUE = 2;
const PAUSED_FOR_FREEZE = 4;

// The toxic queue is bounded like a stream's buffer: past the high mark the
// source stops being read, so a slow toxic pushes back on the sender instead
// of growing the proxy's memory.
const QUEUE_HIGH_BYTES = 1 << 20;
const QUEUE_LOW_BYTES = 1 << 18;

export class Link {
  received = 0;
  sent = 0;
  private entries: readonly Entry[] = [];
  private readonly queue: Item[] = [];
  private queuedBytes = 0;
  private busy = false;
  private pauses = 0;
  private gate: { promise: Promise<void>; open: () => void } | undefined;
  private disposed = false;

  constructor(
    readonly stream: ToxicStream,
    private readonly src: Socket,
    private readonly dst: Socket,
    private readonly owner: LinkOwner,
  ) {
    src.on('data', this.onData);
    src.on('end', this.onEnd);
  }

  /** Bytes held in the proxy for this stream: the toxic queue and the destination's write buffer. */
  get buffered(): number {
    return this.queuedBytes + this.dst.writableLength;
  }

  attach(name: string, create: (ctx: ToxicContext) => LinkToxic): void {
    if (this.disposed) return;
    const controller = new AbortController();
    const owner = this.owner;
    const toxic = create({
      signal: controller.signal,
      closeConnection: () => owner.closeConnection(),
      resetConnection: () => owner.resetConnection(),
      random: owner.random,
    });
    // Entries are replaced, never mutated: a chunk in flight keeps the list it started with.
    this.entries = [...this.entries, { name, toxic, controller }];
  }

  detach(name: string): void {
    const entry = this.entries.find((e) => e.name === name);
    if (!entry) return;
    this.entries = this.entries.filter((e) => e !== entry);
    // Ends the toxic's sleeps: what it holds moves on at once.
    entry.controller.abort();
  }

  /** Stops both reading and delivering, without closing anything. */
  freeze(): void {
    if (this.gate || this.disposed) return;
    let open!: () => void;
    const promise = new Promise<void>((resolve) => {
      open = resolve;
    });
    this.gate = { promise, open };
    this.pause(PAUSED_FOR_FREEZE);
  }

  unfreeze(): void {
    const gate = this.gate;
    if (!gate) return;
    this.gate = undefined;
    gate.open();
    this.resume(PAUSED_FOR_FREEZE);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const entry of this.entries) entry.controller.abort();
    this.entries = [];
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.gate?.open();
    this.gate = undefined;
    this.src.off('data', this.onData);
    this.src.off('end', this.onEnd);
    this.dst.off('drain', this.onDrain);
  }

  private get direct(): boolean {
    return this.entries.length === 0 && !this.busy && this.gate === undefined;
  }

  private readonly onData = (chunk: Buffer): void => {
    this.received += chunk.length;
    if (this.direct) {
      this.sent += chunk.length;
      if (!this.dst.write(chunk) && (this.pauses & PAUSED_FOR_DRAIN) === 0) {
        this.pause(PAUSED_FOR_DRAIN);
        this.dst.once('drain', this.onDrain);
      }
      return;
    }
    this.enqueue({ chunk, at: performance.now() });
  };

  private readonly onDrain = (): void => this.resume(PAUSED_FOR_DRAIN);

  private readonly onEnd = (): void => {
    if (this.direct) this.dst.end();
    else this.enqueue(null);
  };

  private enqueue(item: Item): void {
    this.queue.push(item);
    if (item) {
      this.queuedBytes += item.chunk.length;
      if (this.queuedBytes > QUEUE_HIGH_BYTES) this.pause(PAUSED_FOR_QUEUE);
    }
    if (!this.busy) this.pump().catch((err: unknown) => this.owner.fail(err));
  }

  private async pump(): Promise<void> {
    this.busy = true;
    try {
      while (this.queue.length > 0 && !this.disposed) {
        const item = this.queue.shift()!;
        if (item === null) {
          await this.passEnd(this.entries, 0);
        } else {
          this.queuedBytes -= item.chunk.length;
          if (this.queuedBytes <= QUEUE_LOW_BYTES) this.resume(PAUSED_FOR_QUEUE);
          await this.pass(this.entries, 0, item.chunk, item.at);
        }
      }
    } finally {
      this.busy = false;
    }
  }

  private pass(entries: readonly Entry[], from: number, chunk: Buffer, at: number): Promise<void> {
    for (let i = from; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.controller.signal.aborted) continue; // removed while this chunk was in flight
      const after = i + 1;
      return Promise.resolve(
        entry.toxic.onChunk(chunk, at, (piece, later) => this.pass(entries, after, piece, later ?? at)),
      );
    }
    return this.deliver(chunk);
  }

  private passEnd(entries: readonly Entry[], from: number): Promise<void> {
    for (let i = from; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.controller.signal.aborted || !entry.toxic.onEnd) continue;
      const after = i + 1;
      return Promise.resolve(entry.toxic.onEnd(() => this.passEnd(entries, after)));
    }
    return this.deliverEnd();
  }

  private async deliver(chunk: Buffer): Promise<void> {
    while (this.gate) await this.gate.promise;
    if (this.disposed || this.dst.destroyed) return;
    this.sent += chunk.length;
    if (!this.dst.write(chunk)) await drained(this.dst);
  }

  private async deliverEnd(): Promise<void> {
    while (this.gate) await this.gate.promise;
    if (!this.disposed) this.dst.end();
  }

  private pause(reason: number): void {
    if (this.pauses === 0 && !this.disposed) this.src.pause();
    this.pauses |= reason;
  }

  private resume(reason: number): void {
    if ((this.pauses & reason) === 0) return;
    this.pauses &= ~reason;
    if (this.pauses === 0 && !this.disposed) this.src.resume();
  }
}

function drained(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
