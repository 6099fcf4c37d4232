/**
 * Free TCP ports on 127.0.0.1: bind port 0, read the port, close. The port can
 * be taken by someone else before the server binds it, so callers retry a
 * start that fails with "address in use" (see `isAddressInUse`).
 */
import { createServer } from 'node:net';

// Ports handed out by this process and not yet released: the kernel may give
// the same ephemeral port twice in a row once it is closed.
const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await bindZero();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free port on 127.0.0.1 after 20 attempts');
}

export function releasePort(port: number): void {
  handedOut.delete(port);
}

function bindZero(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a server's output says its port was taken (Node, Postgres, Redis wordings). */
export function isAddressInUse(output: string): boolean {
  return /EADDRINUSE|address already in use|could not bind|could not create any TCP\/IP sockets/i.test(
    output,
  );
}
