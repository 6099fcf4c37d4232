/** A small JSON client for the harness service under test, and its /metrics. */

export interface JsonResponse {
  status: number;
  body: Record<string, unknown>;
}

export function serviceClient(base: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<JsonResponse> => {
    const res = await fetch(base + path, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    get: (path: string) => call('GET', path),
    put: (path: string, body: unknown) => call('PUT', path, body),
    post: (path: string, body: unknown) => call('POST', path, body),
    /** The value of one sample (`name` as printed, labels included) from /metrics; NaN when absent. */
    counter: (name: string) => metric(base, name),
    /** One labelled metric from /metrics: label value → sample value. */
    labelled: (name: string, label: string) => labelled(base, name, label),
  };
}

/** One sample (`name` with its labels, as printed) from a process's /metrics. */
export async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? Number.NaN : Number(line.slice(name.length + 1));
}

/** One labelled metric from /metrics: label value → sample value. */
export async function labelled(base: string, name: string, label: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const re = new RegExp(`^${name}\\{[^}]*${label}="([^"]*)"[^}]*\\} (\\S+)$`);
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = re.exec(line);
    if (m !== null) out.set(m[1]!, Number(m[2]));
  }
  return out;
}
