/**
 * The admin API of the harness service (targets/service): seeding a dataset
 * and reading acknowledged writes back from the source of truth. Only built-in
 * architectures have it; a user's own service is neither seeded nor verified.
 */
import { request } from 'undici';
import type { IntegrityReport, LedgerEntry } from '../../model/index.ts';

const VERIFY_BATCH = 5000;
const EXAMPLES = 5;

async function postJson<T>(url: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    headersTimeout: 300_000,
    bodyTimeout: 300_000,
    ...(signal ? { signal } : {}),
  });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`POST ${url} → ${res.statusCode}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export async function seedDataset(
  baseUrl: string,
  dataset: { items: number; valueSize: number },
  signal?: AbortSignal,
): Promise<{ items: number; ms: number }> {
  const started = performance.now();
  const out = await postJson<{ items: number }>(`${baseUrl}/admin/seed`, dataset, signal);
  return { items: out.items, ms: Math.round(performance.now() - started) };
}

/**
 * Reads back every acknowledged write (Jepsen's set-checker idea): lost = not
 * there, stale = older version than acknowledged, duplicated = one id
 * acknowledged twice with the same version by two different writes.
 */
export async function verifyLedger(
  baseUrl: string,
  entries: LedgerEntry[],
  signal?: AbortSignal,
): Promise<IntegrityReport> {
  // Only the newest acknowledged version of each id must be there.
  const newest = new Map<string, number>();
  const seen = new Map<string, number>();
  const duplicated: string[] = [];
  for (const e of entries) {
    const key = `${e.id}@${e.version}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 2) duplicated.push(e.id);
    if ((newest.get(e.id) ?? -1) < e.version) newest.set(e.id, e.version);
  }
  const writes = [...newest].map(([id, version]) => ({ id, version }));
  const lost: string[] = [];
  const stale: string[] = [];
  for (let i = 0; i < writes.length; i += VERIFY_BATCH) {
    const out = await postJson<{ lost: string[]; stale: string[] }>(
      `${baseUrl}/admin/verify`,
      { writes: writes.slice(i, i + VERIFY_BATCH) },
      signal,
    );
    lost.push(...out.lost);
    stale.push(...out.stale);
  }
  return {
    checked: writes.length,
    lost: lost.length,
    stale: stale.length,
    duplicated: duplicated.length,
    examples: {
      lost: lost.slice(0, EXAMPLES),
      stale: stale.slice(0, EXAMPLES),
      duplicated: duplicated.slice(0, EXAMPLES),
    },
  };
}
