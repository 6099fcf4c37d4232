/**
 * The built-in toxics: one explicit name → definition map, and the check that
 * turns what a caller passed into a resolved toxic (or one error listing every
 * problem).
 */
import type { ResolvedToxic, Toxic, ToxicType } from '../types.ts';
import { bandwidth } from './bandwidth.ts';
import { drop } from './drop.ts';
import { latency } from './latency.ts';
import { limitData } from './limit-data.ts';
import { resetPeer } from './reset-peer.ts';
import { slicer } from './slicer.ts';
import { slowClose } from './slow-close.ts';
import { timeout } from './timeout.ts';
import { probability, type ToxicDefinition } from './toxic-definition.ts';

export const toxicDefinitions: { [K in ToxicType]: ToxicDefinition<Extract<Toxic, { type: K }>> } = {
  latency,
  bandwidth,
  timeout,
  reset_peer: resetPeer,
  slow_close: slowClose,
  slicer,
  limit_data: limitData,
  drop,
};

export function definitionOf<T extends Toxic>(toxic: T): ToxicDefinition<T> {
  return toxicDefinitions[toxic.type] as unknown as ToxicDefinition<T>;
}

/** A toxic the proxy cannot apply; `problems` lists every one found. */
export class InvalidToxicError extends RangeError {
  readonly code = 'INVALID_TOXIC';
  constructor(
    readonly toxicName: string,
    readonly problems: string[],
  ) {
    super(`toxic ${toxicName}: ${problems.join('; ')}`);
    this.name = 'InvalidToxicError';
  }
}

export function resolveToxic(toxic: Toxic, taken: ReadonlySet<string>): ResolvedToxic {
  const stream = toxic.stream ?? 'downstream';
  const name = toxic.name ?? `${toxic.type}_${stream}`;
  const toxicity = toxic.toxicity ?? 1;
  const definition = Object.hasOwn(toxicDefinitions, toxic.type) ? definitionOf(toxic) : undefined;
  const problems: string[] = [];
  if (!definition) problems.push(`type: unknown toxic type ${JSON.stringify(toxic.type)}`);
  if (stream !== 'upstream' && stream !== 'downstream')
    problems.push(`stream: expected upstream or downstream`);
  problems.push(...probability('toxicity', toxicity));
  if (taken.has(name)) problems.push(`name: a toxic named ${name} already exists on this proxy`);
  if (definition) problems.push(...definition.validate(toxic));
  if (problems.length > 0) throw new InvalidToxicError(name, problems);
  return { ...toxic, name, stream, toxicity };
}
