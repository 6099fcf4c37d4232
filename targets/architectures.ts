/**
 * The built-in architectures: one explicit name → architecture map, nothing
 * registered as a side effect of an import. A new architecture is a folder
 * under targets/ (its `architecture.ts` and `data-path.ts`) and one line here
 * (targets/README.md, "Adding an architecture").
 */
import { cached } from './cached/architecture.ts';
import { cqrs } from './cqrs/architecture.ts';
import { eventSourced } from './event-sourced/architecture.ts';
import { monolith } from './monolith/architecture.ts';
import type { Architecture } from './plug/architecture.ts';
import type { ParamSchema } from './plug/params.ts';
import { queued } from './queued/architecture.ts';
import { replicated } from './replicated/architecture.ts';
import { saga } from './saga/architecture.ts';
import { sharded } from './sharded/architecture.ts';

export const architectures = {
  monolith,
  cached,
  replicated,
  sharded,
  queued,
  cqrs,
  'event-sourced': eventSourced,
  saga,
} satisfies Record<string, Architecture<ParamSchema>>;

export type ArchitectureName = keyof typeof architectures;

export const architectureNames = Object.keys(architectures) as ArchitectureName[];

/** The architecture called `name`, typed loosely (params checked by the caller); undefined when unknown. */
export function architectureOf(name: string): Architecture | undefined {
  return Object.hasOwn(architectures, name)
    ? (architectures[name as ArchitectureName] as unknown as Architecture)
    : undefined;
}
