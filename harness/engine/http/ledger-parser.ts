import type { LedgerEntry } from '../../../model/index.ts';

/**
 * The acknowledged write in a response body `{ id, version, entity? }`:
 * `entity/id` when the entity is named, else the id. Undefined when the body
 * does not hold one (not JSON, or no id or numeric version).
 */
export function parseLedgerEntry(request: string, body: string, ackedAt: number): LedgerEntry | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (json === null || typeof json !== 'object') return undefined;
  const { id, version, entity } = json as { id?: unknown; version?: unknown; entity?: unknown };
  if ((typeof id !== 'string' && typeof id !== 'number') || typeof version !== 'number') return undefined;
  return {
    request,
    id: typeof entity === 'string' && entity !== '' ? `${entity}/${id}` : String(id),
    version,
    ackedAt,
  };
}
