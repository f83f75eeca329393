import { ConfigurationError } from '../../errors/configuration-error';
import type { SecretRule, SecretSeverity } from './rules';

/** A rule as written in the policy file under `security.rules`. */
export interface UserSecretRule {
  readonly id: string;
  readonly regex: string;
  readonly keywords?: readonly string[];
  readonly severity?: SecretSeverity;
  readonly description?: string;
  readonly entropy?: number;
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Compiles a policy regex string; a leading `(?i)` (as gitleaks writes it) becomes the `i` flag. */
export function compileRegex(source: string, where: string): RegExp {
  const insensitive = source.startsWith('(?i)');
  const body = insensitive ? source.slice(4) : source;
  try {
    return new RegExp(body, insensitive ? 'gi' : 'g');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigurationError(where, `${JSON.stringify(source)} is not a valid JavaScript regular expression (${reason}).`, 'Correct the pattern; test it with `new RegExp(...)` in Node.');
  }
}

/** Turns the policy's `security.rules` into secret rules, naming `security.rules[i].<field>` in any error. */
export function compileUserRules(rules: readonly UserSecretRule[], builtIns: readonly SecretRule[]): SecretRule[] {
  const taken = new Set(builtIns.map((rule) => rule.id));
  return rules.map((rule, i) => {
    const where = `security.rules[${i}]`;
    if (!KEBAB.test(rule.id)) {
      throw new ConfigurationError(`${where}.id`, `${JSON.stringify(rule.id)} is not kebab-case.`, 'Use lower-case words joined by hyphens, e.g. `acme-api-key`.');
    }
    if (taken.has(rule.id)) {
      throw new ConfigurationError(`${where}.id`, `${JSON.stringify(rule.id)} is already a rule id.`, 'Give the rule a unique id.');
    }
    taken.add(rule.id);
    const regex = compileRegex(rule.regex, `${where}.regex`);
    if (regex.test('')) {
      throw new ConfigurationError(`${where}.regex`, `${JSON.stringify(rule.regex)} matches the empty string, so it would match everywhere.`, 'Make the pattern require at least one character.');
    }
    return {
      id: rule.id,
      description: rule.description ?? `Secret matching user rule ${rule.id}`,
      severity: rule.severity ?? 'high',
      keywords: (rule.keywords ?? []).map((keyword) => keyword.toLowerCase()),
      regex,
      ...(rule.entropy === undefined ? {} : { entropy: rule.entropy }),
    };
  });
}
