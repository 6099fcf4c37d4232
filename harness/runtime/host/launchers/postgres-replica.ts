/**
 * Streaming replicas: what a primary needs to feed them, and the base backup
 * that makes a standby's data dir. Each standby has its own physical
 * replication slot, so the primary keeps the WAL it needs while it is
 * killed or paused — and it catches up when it comes back.
 */
import { spawn } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { OutputTail } from '../output-tail.ts';
import type { RunAs } from '../run-as.ts';
import type { PostgresBinaries } from './postgres-data-dir.ts';
import { childEnv, loopback } from './types.ts';

type Settings = Record<string, string | number | boolean>;

/**
 * Every Postgres gets them (the Postgres 15 defaults, spelled out so a
 * replica can count on them); a component's own settings override them.
 */
export const replicationSettings: Settings = {
  wal_level: 'replica',
  max_wal_senders: 10,
  max_replication_slots: 10,
  hot_standby_feedback: true,
  // A slot of a standby that stays down must not fill the disk.
  max_slot_wal_keep_size: '1GB',
};

/** A standby's own: read-only queries while it replays. */
export const standbySettings: Settings = { hot_standby: true, hot_standby_feedback: true };

const replicationLine = 'host replication all 127.0.0.1/32 trust';

/** `initdb -A trust` writes the replication line already; a data dir made otherwise gets it appended. */
export async function allowReplication(dataDir: string): Promise<void> {
  const file = join(dataDir, 'pg_hba.conf');
  const hba = await readFile(file, 'utf8');
  if (/^\s*host\s+replication\s+all\s+127\.0\.0\.1\/32\s+trust\b/m.test(hba)) return;
  await appendFile(file, `\n${replicationLine}\n`);
}

/** `harness_<component>_<index>`, in the characters a slot name allows. */
export function slotName(component: string, index: number): string {
  return `harness_${component}_${index}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 63);
}

export interface BaseBackupOptions {
  primaryPort: number;
  /** The new data dir (must not exist). */
  target: string;
  slot: string;
  owner: RunAs | undefined;
  /** Env tags (HARNESS_RUN_ID …) so `harness clean` finds a backup a crash left running. */
  tags: Record<string, string>;
  signal: AbortSignal;
}

/**
 * `pg_basebackup -R -X stream -c fast` from the primary into `target`, streaming
 * through the standby's slot. The slot is created first, reserving WAL from
 * the primary's last checkpoint: `pg_basebackup -C` would create it only after
 * its own checkpoint, and a concurrent backup's checkpoint in between could
 * remove the WAL this backup starts from.
 */
export async function baseBackup(bins: PostgresBinaries, opts: BaseBackupOptions): Promise<void> {
  await createSlot(opts.primaryPort, opts.slot);
  const args = [
    '-h',
    loopback,
    '-p',
    String(opts.primaryPort),
    '-U',
    'harness',
    '-D',
    opts.target,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
    '-S',
    opts.slot,
    // No fsync: the data dir lives as long as the run.
    '-N',
  ];
  await new Promise<void>((resolve, reject) => {
    const tail = new OutputTail(30);
    const child = spawn(join(bins.bin, 'pg_basebackup'), args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: childEnv(opts.tags),
      signal: opts.signal,
      killSignal: 'SIGKILL',
      ...(opts.owner === undefined ? {} : { uid: opts.owner.uid, gid: opts.owner.gid, cwd: '/' }),
    });
    tail.follow(child.stdout);
    tail.follow(child.stderr);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(`pg_basebackup ${args.join(' ')} ${signal ?? `exited with ${code}`}:\n${tail.text()}`),
        );
    });
  });
}

/** Creates the slot, replacing one an earlier attempt left (not one in use). */
async function createSlot(port: number, slot: string): Promise<void> {
  const client = new pg.Client({
    connectionString: `postgres://harness@${loopback}:${port}/harness`,
    connectionTimeoutMillis: 2000,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(
      'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active',
      [slot],
    );
    await client.query('SELECT pg_create_physical_replication_slot($1, true)', [slot]);
  } finally {
    await client.end().catch(() => {});
  }
}
