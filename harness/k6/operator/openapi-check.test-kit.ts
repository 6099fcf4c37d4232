/**
 * A small checker of a value against an OpenAPI v3 schema as Kubernetes
 * CRDs write them (`openAPIV3Schema`): type, properties, required, items,
 * enum, int32, additionalProperties, anyOf, x-kubernetes-int-or-string and
 * x-kubernetes-preserve-unknown-fields. Unknown fields are errors, as
 * `kubectl apply` (strict field validation) makes them. For tests.
 */
export interface OpenApiSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  enum?: unknown[];
  additionalProperties?: OpenApiSchema | boolean;
  anyOf?: OpenApiSchema[];
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  [other: string]: unknown;
}

export function openApiProblems(value: unknown, schema: OpenApiSchema, path = ''): string[] {
  const at = path === '' ? '(root)' : path;
  if (schema['x-kubernetes-int-or-string'])
    return typeof value === 'string' || Number.isInteger(value)
      ? []
      : [`${at}: expected an integer or a string`];
  if (schema.anyOf && !schema.anyOf.some((s) => openApiProblems(value, s, path).length === 0))
    return [`${at}: matches none of anyOf`];
  if (schema.enum && !schema.enum.includes(value))
    return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' ? [] : [`${at}: expected a string, got ${JSON.stringify(value)}`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: expected a boolean, got ${JSON.stringify(value)}`];
    case 'number':
      return typeof value === 'number' ? [] : [`${at}: expected a number, got ${JSON.stringify(value)}`];
    case 'integer':
      if (!Number.isInteger(value)) return [`${at}: expected an integer, got ${JSON.stringify(value)}`];
      if (schema.format === 'int32' && Math.abs(value as number) > 2 ** 31 - 1)
        return [`${at}: out of int32 range`];
      return [];
    case 'array':
      if (!Array.isArray(value)) return [`${at}: expected an array`];
      return schema.items ? value.flatMap((v, i) => openApiProblems(v, schema.items!, `${path}[${i}]`)) : [];
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return [`${at}: expected an object`];
      const obj = value as Record<string, unknown>;
      const problems = (schema.required ?? [])
        .filter((k) => !(k in obj))
        .map((k) => `${at}: missing required ${k}`);
      for (const [k, v] of Object.entries(obj)) {
        const sub = schema.properties?.[k];
        const child = path === '' ? k : `${path}.${k}`;
        if (sub) problems.push(...openApiProblems(v, sub, child));
        else if (typeof schema.additionalProperties === 'object')
          problems.push(...openApiProblems(v, schema.additionalProperties, child));
        else if (
          schema.properties &&
          !schema['x-kubernetes-preserve-unknown-fields'] &&
          schema.additionalProperties !== true
        )
          problems.push(`${child}: unknown field`);
      }
      return problems;
    }
    default:
      return [];
  }
}
