/**
 * HAProxy's runtime API (the `stats socket` of its config, a Unix socket in
 * the instance's own dir, mode 600, level admin): one command per
 * connection, the answer is everything HAProxy writes before it closes. And
 * the pure readers of its answers, tested as data.
 */
import { connect } from 'node:net';

/** Sends one command, resolves with HAProxy's answer; rejects after `timeoutMs` or on a socket error. */
export function haproxyCommand(socket: string, command: string, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const conn = connect(socket);
    let answer = '';
    const timer = setTimeout(() => {
      conn.destroy();
      reject(new Error(`HAProxy runtime API: no answer to "${command}" within ${timeoutMs} ms`));
    }, timeoutMs);
    conn.setEncoding('utf8');
    conn.on('data', (chunk: string) => {
      answer += chunk;
    });
    conn.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`HAProxy runtime API (${socket}): ${error.message}`));
    });
    conn.once('end', () => {
      clearTimeout(timer);
      resolve(answer.trim());
    });
    conn.write(`${command}\n`);
  });
}

/** One server's row of `show stat`, the fields harness reads. */
export interface ServerStat {
  backend: string;
  server: string;
  /** `UP`, `DOWN`, `MAINT`, `DRAIN`, `UP 1/2` (going down), `DOWN 1/2` (coming up), `no check`. */
  status: string;
  /** Current sessions (requests in flight on it). */
  sessions: number;
  /** Requests queued for it. */
  queued: number;
}

/** The server rows of `show stat` (CSV, header line `# pxname,svname,…`); FRONTEND and BACKEND rows left out. */
export function parseServerStats(csv: string): ServerStat[] {
  const lines = csv.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]?.replace(/^#\s*/, '').split(',') ?? [];
  const at = (name: string) => header.indexOf(name);
  const [px, sv, status, scur, qcur] = ['pxname', 'svname', 'status', 'scur', 'qcur'].map(at);
  if ([px, sv, status, scur, qcur].some((i) => i === undefined || i < 0)) return [];
  return lines.slice(1).flatMap((line) => {
    const f = line.split(',');
    const server = f[sv!] ?? '';
    if (server === 'FRONTEND' || server === 'BACKEND' || server === '') return [];
    return [
      {
        backend: f[px!] ?? '',
        server,
        status: f[status!] ?? '',
        sessions: Number(f[scur!] ?? 0) || 0,
        queued: Number(f[qcur!] ?? 0) || 0,
      },
    ];
  });
}

/**
 * What HAProxy said to a command that changes state: its answers to success
 * are empty or a fixed sentence; anything else is the reason it refused.
 */
export function refusal(answer: string, ok: readonly string[] = []): string | undefined {
  const text = answer.trim();
  if (text === '' || ok.some((o) => text.startsWith(o))) return undefined;
  return text;
}
