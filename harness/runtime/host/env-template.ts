/**
 * `{{component.field}}` references in component env values. Fields:
 * url (first instance), urls (all, comma-joined), host, port — and for the
 * instance itself `{{self.port}}`, `{{self.index}}`, `{{self.host}}`.
 */

const pattern = /\{\{\s*([A-Za-z0-9_.-]+?)\.(urls|url|host|port|index)\s*\}\}/g;
const anyBraces = /\{\{[^}]*\}\}/g;

export interface TemplateRef {
  component: string;
  field: string;
}

/** Every well-formed reference in a value, plus the malformed `{{…}}` ones. */
export function parseRefs(value: string): { refs: TemplateRef[]; malformed: string[] } {
  const refs = [...value.matchAll(pattern)].map((m) => ({ component: m[1] ?? '', field: m[2] ?? '' }));
  const malformed = (value.match(anyBraces) ?? []).filter((text) => !new RegExp(pattern.source).test(text));
  return { refs, malformed };
}

export interface Endpoint {
  host: string;
  port: number;
  url: string;
}

export interface TemplateScope {
  /** Started instances of each component, in index order. */
  components: (name: string) => Endpoint[] | undefined;
  self: { host: string; port: number; index: number };
}

export function resolveEnv(
  env: Record<string, string> | undefined,
  scope: TemplateScope,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env ?? {})) out[key] = resolveValue(value, scope);
  return out;
}

function resolveValue(value: string, scope: TemplateScope): string {
  return value.replace(pattern, (text, component: string, field: string) => {
    if (component === 'self') {
      if (field === 'port') return String(scope.self.port);
      if (field === 'index') return String(scope.self.index);
      if (field === 'host') return scope.self.host;
      throw new Error(`${text}: self has port, index and host`);
    }
    const endpoints = scope.components(component);
    const first = endpoints?.[0];
    if (endpoints === undefined || first === undefined)
      throw new Error(`${text}: ${component} is not started`);
    if (field === 'urls') return endpoints.map((e) => e.url).join(',');
    if (field === 'url') return first.url;
    if (field === 'host') return first.host;
    if (field === 'port') return String(first.port);
    throw new Error(`${text}: unknown field ${field}`);
  });
}
