/**
 * `GET /metrics` on 127.0.0.1: the exposition endpoint Prometheus scrapes.
 * Port 0 picks a free one. `close()` also drops Prometheus's keep-alive
 * connections, so nothing stays open after the run.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MetricsServer extends AsyncDisposable {
  readonly port: number;
  /** `http://127.0.0.1:<port>/metrics` */
  readonly url: string;
  close(): Promise<void>;
}

export interface MetricsServerOptions {
  port: number;
  render(): Promise<string>;
  contentType: string;
}

/** Rejects with the listen error (EADDRINUSE, EACCES) as Node reports it. */
export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics here\n');
      return;
    }
    opts.render().then(
      (body) => res.writeHead(200, { 'content-type': opts.contentType }).end(body),
      (err: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(err)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: opts.port, host: '127.0.0.1', exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  return { port, url: `http://127.0.0.1:${port}/metrics`, close, [Symbol.asyncDispose]: close };
}
