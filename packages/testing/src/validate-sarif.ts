import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const SCHEMA = path.resolve(import.meta.dirname, '..', 'sarif', 'sarif-2.1.0.json');
let validate: ((document: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null } | undefined;

/**
 * Checks a document against the official SARIF 2.1.0 JSON schema (packages/testing/sarif, extracted by
 * scripts/extract-sarif-schema.mjs); returns the problems, `[]` when it is valid.
 */
export function validateSarif(document: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
  }
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
}
