import type { ErrorObject } from 'ajv';

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function pointer(error: ErrorObject): string {
  return error.instancePath === '' ? 'properties' : `properties${error.instancePath}`;
}

// ajv reports every failed branch of a oneOf/anyOf; the branch errors say little on their own.
function isBranchNoise(error: ErrorObject, all: ErrorObject[]): boolean {
  return all.some((other) => (other.keyword === 'oneOf' || other.keyword === 'anyOf') && other !== error
    && error.schemaPath.startsWith(other.schemaPath.replace(/\/(oneOf|anyOf)$/, '')) && error.schemaPath.length > other.schemaPath.length);
}

/** One line in GitHub's own wording (`"ref" wasn't supplied.`, `For 'properties/x', 1 is not a string.`). */
function describeForGitHub(error: ErrorObject): string {
  const value = JSON.stringify(error.data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `"${String(params.missingProperty)}" wasn't supplied.`;
    case 'type':
      return `For '${pointer(error)}', ${value} is not ${article(String(params.type).split(',')[0] ?? '')}.`;
    case 'enum':
      return `For '${pointer(error)}', ${value} is not one of ${JSON.stringify(params.allowedValues).replace(/,/g, ', ')}.`;
    case 'additionalProperties':
      return `"${String(params.additionalProperty)}" is not a permitted key.`;
    default:
      return `For '${pointer(error)}', ${value} ${error.message ?? 'is invalid'}.`;
  }
}

/** GitHub's 422 message for a request its schema rejects: `Invalid request.\n\n<one line per problem>`. */
export function renderInvalidRequestMessage(errors: ErrorObject[]): string {
  const lines = errors.filter((error) => !isBranchNoise(error, errors)).map(describeForGitHub);
  return `Invalid request.\n\n${[...new Set(lines)].join('\n')}`;
}

/** Violation lines naming where the problem is: `body/state must be equal to one of the allowed values (…)`. */
export function describeErrors(where: string, errors: ErrorObject[]): string[] {
  return errors.map((error) => {
    const params = error.params as Record<string, unknown>;
    const detail = error.keyword === 'enum' ? ` (${(params.allowedValues as unknown[]).map(String).join(', ')})`
      : error.keyword === 'additionalProperties' ? ` (${String(params.additionalProperty)})` : '';
    return `${where}${error.instancePath} ${error.message ?? 'is invalid'}${detail}`;
  });
}
