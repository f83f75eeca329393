import type { SchemaObject } from './openapi-document';

/** The id under which the document's components are registered with ajv. */
export const COMPONENTS_ID = 'github.json';

// Annotation and vendor keys ajv does not need; `x-*` keys are dropped by prefix.
const DROPPED = new Set(['nullable', 'example', 'examples', 'description', 'title', 'discriminator', 'xml', 'externalDocs', 'deprecated', 'readOnly', 'writeOnly']);
const COMPOSITIONS = ['allOf', 'oneOf', 'anyOf', 'not'];

function normalizeMap(map: unknown): unknown {
  if (!map || typeof map !== 'object') return map;
  return Object.fromEntries(Object.entries(map).map(([name, schema]) => [name, normalizeSchema(schema)]));
}

function normalizeKey(key: string, value: unknown): unknown {
  if (key === 'properties') return normalizeMap(value);
  if (key === 'items' || key === 'not' || (key === 'additionalProperties' && typeof value === 'object')) return normalizeSchema(value);
  if (key === 'allOf' || key === 'oneOf' || key === 'anyOf') return Array.isArray(value) ? value.map(normalizeSchema) : value;
  return value;
}

function addNull(schema: SchemaObject): SchemaObject {
  if (COMPOSITIONS.some((key) => key in schema)) return { anyOf: [{ type: 'null' }, schema] };
  const out: SchemaObject = { ...schema };
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

/**
 * Turns an OpenAPI 3.0 schema into a JSON Schema ajv validates as GitHub means it:
 * `nullable: true` adds `null` to `type` and to `enum`, and wraps `$ref`/`allOf`/`oneOf`/`anyOf`
 * in `anyOf: [null, …]` (3.0 ignores siblings of `$ref`, so only `nullable` survives there);
 * `x-*`, examples and prose are dropped; `#/components/…` refs point at COMPONENTS_ID.
 */
export function normalizeSchema(schema: unknown): SchemaObject {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema as SchemaObject;
  const source = schema as SchemaObject;
  if (typeof source.$ref === 'string') {
    const ref = { $ref: source.$ref.replace(/^#\//, `${COMPONENTS_ID}#/`) };
    return source.nullable === true ? { anyOf: [{ type: 'null' }, ref] } : ref;
  }
  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    out[key] = normalizeKey(key, value);
  }
  return source.nullable === true ? addNull(out) : out;
}

/** The document's component schemas, normalised, as one schema ajv can register. */
export function normalizeComponents(components: Record<string, Record<string, unknown>>): SchemaObject {
  return { $id: COMPONENTS_ID, components: { schemas: normalizeMap(components.schemas ?? {}) } };
}
