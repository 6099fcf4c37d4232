/**
 * An architecture's own integrity checks, run by harness after the load and
 * after the acknowledged-write ledger was read back (harness/run). Each check
 * returns what it looked at and what failed it; failures are counted as lost
 * data in the cell's `integrity`.
 */
import type { IntegrityCheck } from '../../model/index.ts';

export type { IntegrityCheck };

export interface VerifyContext {
  /** Base URL of the topology's entry component. */
  entryUrl: string;
  /** URLs of a component's instances, in index order (http:// for services, postgres:// …). */
  urls(component: string): string[];
  signal?: AbortSignal;
}

export type ArchitectureVerify = (ctx: VerifyContext) => Promise<IntegrityCheck[]>;

/** POSTs JSON to a service's admin route; throws with the status and body on anything but 2xx. */
export async function postAdmin<T>(url: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal === undefined ? {} : { signal }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
