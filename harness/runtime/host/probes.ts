/**
 * Readiness probes: one attempt each, resolving when the server answers and
 * rejecting (with the reason) when it does not yet. `waitReady` repeats them.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import pg from 'pg';

export type Probe = (signal: AbortSignal) => Promise<void>;

export function tcpProbe(host: string, port: number): Probe {
  return (signal) =>
    new Promise((resolve, reject) => {
      const socket = connect({ host, port, signal });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', reject);
    });
}

/** GET `url`; ready on 2xx. A fresh connection each time (`agent: false`) so no pooled socket lingers. */
export function httpProbe(url: string): Probe {
  return (signal) =>
    new Promise((resolve, reject) => {
      const req = request(
        url,
        { method: 'GET', agent: false, signal, headers: { connection: 'close' } },
        (res) => {
          res.resume();
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`GET ${url} answered ${status}`));
        },
      );
      req.once('error', reject);
      req.end();
    });
}

/** Redis: `PING` must answer `+PONG` (not `-LOADING` while a dataset loads). */
export function redisProbe(host: string, port: number): Probe {
  return (signal) =>
    new Promise((resolve, reject) => {
      const socket = connect({ host, port, signal });
      let reply = '';
      socket.setEncoding('utf8');
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.on('data', (chunk: string) => {
        reply += chunk;
        if (!reply.includes('\r\n')) return;
        socket.destroy();
        if (reply.startsWith('+PONG')) resolve();
        else reject(new Error(`PING answered ${reply.trim()}`));
      });
      socket.once('error', reject);
      socket.once('close', () => reject(new Error('connection closed before PONG')));
    });
}

/** Postgres: a real connection and `SELECT 1`, as the service will do it. */
export function postgresProbe(url: string): Probe {
  return (signal) =>
    withPostgres(url, signal, async (client) => {
      await client.query('SELECT 1');
    });
}

/** A health setting is a path (`/health`, joined to `base`) or a whole URL. */
export function healthUrl(base: string, health: string): string {
  return /^https?:\/\//.test(health) ? health : new URL(health, base).toString();
}

/**
 * A Postgres streaming replica: in recovery (a hot standby, not promoted) and
 * its WAL receiver streaming from the primary.
 */
export function postgresReplicaProbe(url: string): Probe {
  return (signal) =>
    withPostgres(url, signal, async (client) => {
      const { rows } = await client.query<{ recovery: boolean; status: string | null }>(
        'SELECT pg_is_in_recovery() AS recovery, (SELECT status FROM pg_stat_wal_receiver LIMIT 1) AS status',
      );
      const row = rows[0];
      if (row?.recovery !== true) throw new Error('not in recovery: not a standby');
      if (row.status !== 'streaming') throw new Error(`WAL receiver ${row.status ?? 'not running'}`);
    });
}

/** One short-lived connection for a probe's check, ended however it goes (or when the probe is aborted). */
async function withPostgres(
  url: string,
  signal: AbortSignal,
  check: (client: pg.Client) => Promise<void>,
): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => {});
  const onAbort = () => void client.end().catch(() => {});
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    await check(client);
  } finally {
    signal.removeEventListener('abort', onAbort);
    await client.end().catch(() => {});
  }
}
