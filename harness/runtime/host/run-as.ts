/**
 * Postgres refuses to run as root. When we are root, servers that care run as
 * the `postgres` system user (Debian's package creates it), else `nobody`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RunAs {
  user: string;
  uid: number;
  gid: number;
}

let cached: Promise<RunAs | undefined> | undefined;

/** undefined when not root: run as ourselves. */
export function unprivilegedUser(): Promise<RunAs | undefined> {
  cached ??= lookup();
  return cached;
}

async function lookup(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ['postgres', 'nobody']) {
    try {
      // `id` asks NSS, so users from LDAP or sssd count too.
      const uid = Number((await run('id', ['-u', user])).stdout.trim());
      const gid = Number((await run('id', ['-g', user])).stdout.trim());
      if (Number.isInteger(uid) && Number.isInteger(gid)) return { user, uid, gid };
    } catch {
      // no such user: try the next
    }
  }
  throw new Error('running as root and neither a `postgres` nor a `nobody` user exists to run servers as');
}
