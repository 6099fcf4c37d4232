/**
 * Broker messages are JSON objects: reading one back without trusting it.
 * A message that is not one (a poison message) decodes to undefined, and its
 * consumer terminates it instead of retrying it forever.
 */

export const encodeMessage = (m: object): Uint8Array => Buffer.from(JSON.stringify(m));

/** The message's fields, or undefined when it is not a JSON object. */
export function decodeMessageFields(data: Uint8Array): Record<string, unknown> | undefined {
  try {
    const m: unknown = JSON.parse(Buffer.from(data).toString('utf8'));
    return typeof m === 'object' && m !== null ? (m as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** An id, sequence, version or timestamp: a positive safe integer. */
export const isPositiveInt = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
