/** Finds processes by the run id harness tags them with (env HARNESS_RUN_ID). */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function processesOfRun(runId: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const env = readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (env.split('\0').includes(`HARNESS_RUN_ID=${runId}`)) pids.push(Number(entry));
    } catch {
      // exited, or not ours to read
    }
  }
  return pids;
}

/** Resolves true when something accepts a TCP connection on 127.0.0.1:port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** TCP ports in LISTEN state held by any of `pids` (from /proc/<pid>/fd and /proc/net/tcp{,6}). */
export function listeningPorts(pids: number[]): number[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        try {
          const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
          if (m) inodes.add(m[1]!);
        } catch {
          // fd closed meanwhile
        }
      }
    } catch {
      // process gone
    }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is cols[1] (hex ip:port), st is cols[3] (0A = LISTEN), inode is cols[9].
      if (cols[3] === '0A' && cols[9] && inodes.has(cols[9]))
        ports.add(Number.parseInt(cols[1]!.split(':')[1]!, 16));
    }
  }
  return [...ports];
}

/** The runtime's state file of a run (pids and temp dirs it recorded), if it still exists. */
export function runState(runId: string): { processes: { pid: number }[]; tempDirs: string[] } | undefined {
  try {
    return JSON.parse(readFileSync(join(tmpdir(), 'harness-state', `${runId}.json`), 'utf8'));
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie (state Z) has exited; this container's init may not reap it.
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return false;
  }
}
