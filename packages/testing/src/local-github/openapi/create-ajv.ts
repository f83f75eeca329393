import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import { normalizeComponents } from './normalize-schema';
import type { OpenApiDocument } from './openapi-document';

const isUri = fullFormats.uri as (value: string) => boolean;

/**
 * An ajv instance that knows the document's component schemas. `coerceTypes` is for path and
 * query parameters, which arrive as strings; bodies and responses are validated as sent.
 */
export function createAjv(doc: OpenApiDocument, coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, coerceTypes });
  addFormats(ajv);
  // GitHub answers "" for unset URLs (a deployment status's target_url, log_url, environment_url)
  // although the description says `format: uri`; "" is accepted, anything else must be a URI.
  ajv.addFormat('uri', (value: string) => value === '' || isUri(value));
  // A header-only format of GitHub's (epoch seconds); nothing to check in a body.
  ajv.addFormat('timestamp', true);
  ajv.addSchema(normalizeComponents(doc.components));
  return ajv;
}
