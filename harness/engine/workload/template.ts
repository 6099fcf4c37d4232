import { randomUUID } from 'node:crypto';
import type { Rng } from './rng.ts';

export const PLACEHOLDERS = ['key', 'vu', 'iter', 'uuid', 'rand', 'now'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** What one iteration fills in; one object per VU, reused across its iterations. */
export interface TemplateContext {
  key: number;
  /** 1-based VU number (k6 `__VU`). */
  vu: number;
  /** 0-based iteration of this VU (k6 `__ITER`). */
  iter: number;
}

export interface Template {
  render(ctx: TemplateContext): string;
  /** The placeholders the text holds (a `{key}` is only drawn when used). */
  uses: ReadonlySet<Placeholder>;
  /** Placeholder-like `{words}` that are not placeholders (left as they are). */
  unknown: string[];
}

const TOKEN = /\{([a-zA-Z_][a-zA-Z0-9_]*)\}/g;
const isPlaceholder = (word: string): word is Placeholder =>
  (PLACEHOLDERS as readonly string[]).includes(word);

/**
 * Compiles `text` into literal parts and placeholders once, so rendering is a
 * few concatenations. `{uuid}` and `{rand}` are fresh at each occurrence;
 * their values are plain digits, hex and dashes, so they need no escaping in
 * a URL path or inside a JSON string.
 */
export function compileTemplate(text: string, rng: Rng): Template {
  const literals: string[] = [];
  const slots: Placeholder[] = [];
  const uses = new Set<Placeholder>();
  const unknown: string[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const word = m[1]!;
    if (!isPlaceholder(word)) {
      unknown.push(m[0]);
      continue;
    }
    literals.push(text.slice(last, m.index));
    slots.push(word);
    uses.add(word);
    last = m.index + m[0].length;
  }
  const tail = text.slice(last);
  if (slots.length === 0) return { render: () => text, uses, unknown };

  const value = (slot: Placeholder, ctx: TemplateContext): string | number => {
    switch (slot) {
      case 'key':
        return ctx.key;
      case 'vu':
        return ctx.vu;
      case 'iter':
        return ctx.iter;
      case 'uuid':
        return randomUUID();
      case 'rand':
        return (rng() * 4294967296) >>> 0;
      case 'now':
        return Date.now();
    }
  };
  return {
    render(ctx) {
      let out = '';
      for (let i = 0; i < slots.length; i++) out += literals[i]! + value(slots[i]!, ctx);
      return out + tail;
    },
    uses,
    unknown,
  };
}
