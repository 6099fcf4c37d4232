/**
 * A JSON-safe value as a JS/TS literal the way people write one: keys
 * unquoted where they can be, strings in single quotes, short arrays of
 * plain values on one line, two-space indents.
 */
export function jsLiteral(value: unknown, depth = 0): string {
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const flat = value.every((v) => v === null || typeof v !== 'object');
    const items = value.map((v) => jsLiteral(v, depth + 1));
    const line = `[${items.join(', ')}]`;
    if (flat && line.length <= 80) return line;
    return `[\n${items.map((i) => `${pad}${i},`).join('\n')}\n${end}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${pad}${key(k)}: ${jsLiteral(v, depth + 1)},`).join('\n')}\n${end}}`;
}

const key = (k: string): string => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k));

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}
