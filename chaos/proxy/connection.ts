/**
 * One proxied connection: the client's socket, the socket to the upstream, and
 * a link for each stream. Sockets are half-open capable so a FIN travels through
 * the proxy like any other byte (and a slow_close can hold it back).
 */
import type { Socket } from 'node:net';
import { Link, type LinkOwner } from './link.ts';
import { definitionOf } from './toxics/index.ts';
import type { ResolvedToxic, ToxicStream } from './types.ts';

// A graceful close flushes what was written; a peer that never reads must not keep it open forever.
const CLOSE_GRACE_MS = 2000;

export class ProxyConnection implements LinkOwner {
  readonly upstream: Link;
  readonly downstream: Link;
  private openSockets = 2;

  constructor(
    private readonly client: Socket,
    private readonly server: Socket,
    readonly random: () => number,
    private readonly onGone: (conn: ProxyConnection) => void,
  ) {
    this.upstream = new Link('upstream', client, server, this);
    this.downstream = new Link('downstream', server, client, this);
    client.on('error', (err) => this.onSocketError(server, err));
    server.on('error', (err) => this.onSocketError(client, err));
    client.on('close', this.onSocketClose);
    server.on('close', this.onSocketClose);
  }

  link(stream: ToxicStream): Link {
    return stream === 'upstream' ? this.upstream : this.downstream;
  }

  /** Toxicity is rolled here, once per connection and toxic. */
  addToxic(toxic: ResolvedToxic): void {
    if (!(this.random() < toxic.toxicity)) return;
    const definition = definitionOf(toxic);
    this.link(toxic.stream).attach(toxic.name, (ctx) => definition.attach(toxic, ctx));
  }

  removeToxic(name: string): void {
    this.upstream.detach(name);
    this.downstream.detach(name);
  }

  freeze(): void {
    this.upstream.freeze();
    this.downstream.freeze();
  }

  unfreeze(): void {
    this.upstream.unfreeze();
    this.downstream.unfreeze();
  }

  /**
   * FIN to both sides once what was already written is flushed. The sockets
   * keep being read (and discarded) until the peers close too: closing a socket
   * with unread input makes the kernel send an RST and throw away data still
   * queued for the peer.
   */
  closeConnection(): void {
    this.disposeLinks();
    for (const socket of [this.client, this.server]) {
      if (socket.destroyed) continue;
      socket.resume();
      socket.end(); // with allowHalfOpen, Node destroys the socket once the peer has ended too
      setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
    }
  }

  /** RST to both sides. */
  resetConnection(): void {
    this.disposeLinks();
    for (const socket of [this.client, this.server]) reset(socket);
  }

  /** Closes both sides now, without flushing (Toxiproxy's "down", stop()). */
  destroy(): void {
    this.disposeLinks();
    this.client.destroy();
    this.server.destroy();
  }

  fail(err: unknown): void {
    this.disposeLinks();
    this.client.destroy(err instanceof Error ? err : new Error(String(err)));
    this.server.destroy();
  }

  private disposeLinks(): void {
    this.upstream.dispose();
    this.downstream.dispose();
  }

  /** One side failed: a reset is passed on as a reset, anything else as a close. */
  private onSocketError(peer: Socket, err: NodeJS.ErrnoException): void {
    this.disposeLinks();
    if (err.code === 'ECONNRESET') reset(peer);
    else peer.destroy();
  }

  private readonly onSocketClose = (): void => {
    this.openSockets -= 1;
    if (this.openSockets === 0) {
      this.disposeLinks();
      this.onGone(this);
    }
  };
}

function reset(socket: Socket): void {
  if (socket.destroyed) return;
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy(); // not a TCP handle (yet): a plain close is the best left
  }
}
