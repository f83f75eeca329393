import type { ScanSeverity } from '../sarif/scan-finding';
import { hasValidTokenChecksum } from './token-checksum';

/** How bad a leak of this kind of secret is. */
export type SecretSeverity = ScanSeverity;

/** One kind of secret: how to find it cheaply (keywords), precisely (regex) and how to tell it from look-alikes (entropy, checksum). */
export interface SecretRule {
  /** Kebab-case, stable: it names the rule in findings, allow comments and `disabled-rules`. */
  readonly id: string;
  readonly description: string;
  readonly severity: SecretSeverity;
  /** Lower-case literals; the regex runs only when one occurs in the text. Empty: the regex always runs. */
  readonly keywords: readonly string[];
  /** The secret is the first capture group that took part in the match, else the whole match. */
  readonly regex: RegExp;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  readonly entropy?: number;
  /** A format check (e.g. an embedded checksum); a secret that fails it is not a finding. */
  readonly validate?: (secret: string) => boolean;
  /** Generic rules yield to provider rules on the same text, and treat hex hashes as non-secrets. */
  readonly generic?: boolean;
  /** What to do besides rotating, e.g. where to revoke it. */
  readonly remediation?: string;
}

/**
 * The generic rule's regex, one alternative per form a named secret takes; the value is the first capture group that matched.
 * Unquoted values must end where the form ends, so code expressions are not read as values.
 */
function genericAssignment(): RegExp {
  // `tokenizer`, `passwordless` and `secretary` are other words, not names of a secret.
  const key = String.raw`(?:password(?!less)|passwd|pwd|secret(?!ar)|token(?!iz)|api[_-]?key|access[_-]?key|auth[_-]?key|credential)`;
  const quoted = String.raw`['"\`]([^\s'"\`]{8,200})['"\`]`;
  // Every form starts at the name, so the engine only tries the forms where a name occurs; what comes before it is a lookbehind.
  const forms = [
    // name = "value" anywhere; name = value ending the line (env files, YAML, INI) or followed by a comment.
    String.raw`[\w.-]{0,30}?['"]?[ \t]*(?::=|=>|=|:)[ \t]*(?:${quoted}|([A-Za-z0-9+/=_.~-]{12,200})(?=[ \t]*\r?$|[ \t]+#))`,
    // A call whose first argument names the secret: define('DB_PASSWORD', '…'), setdefault("API_TOKEN", "…").
    String.raw`(?<=\([ \t]*['"][\w.-]{0,70})[\w.-]{0,30}?['"][ \t]*,[ \t]*${quoted}`,
    // A command-line option: --password=… followed by more arguments.
    String.raw`(?<=(?:^|[\s'"=])--?[\w-]{0,70})[\w-]{0,30}?=([^\s'"\`;&|]{8,200})(?=\s|$)`,
    // An item of a key=value list after another item or a `?`: ADO.NET/ODBC `;Password=…;`, a URL or JDBC query `&password=…&`.
    // Names are plain words (not `this.x`) and values hold no `=` but padding, so chained assignments in minified code are not items.
    String.raw`(?<=(?:[\w ]=[^\s;&'"\`]*[;&]|\?)[ \t]*[\w-]{0,70})[\w-]{0,30}?[ \t]*=[ \t]*([^\s;&'"\`(){}[\],<>=]{8,200}={0,2})(?=[;&'"\`]|\s|$)`,
  ];
  return new RegExp(`${key}(?:${forms.join('|')})`, 'gim');
}

const GITHUB_REVOKE = 'Revoke it in GitHub (Settings → Developer settings, or the app/OAuth settings).';
const githubChecksum = (secret: string): boolean => hasValidTokenChecksum(secret, 4);

/** The built-in catalogue of secret formats. */
export const SECRET_RULES: readonly SecretRule[] = [
  {
    id: 'aws-access-key-id',
    description: 'AWS access key ID',
    severity: 'critical',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    regex: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g,
    entropy: 3,
    remediation: 'Deactivate the key in IAM and use OIDC (aws-actions/configure-aws-credentials) instead of long-lived keys.',
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    severity: 'critical',
    keywords: ['aws', 'secret_access_key', 'secretaccesskey'],
    regex: /(?:aws[\w.-]{0,20}?secret|secret_?access_?key)[\w.-]{0,20}?['"]?[ \t]*(?::=|=>|=|:)[ \t]*['"]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    entropy: 4,
    remediation: 'Deactivate the key in IAM and use OIDC (aws-actions/configure-aws-credentials) instead of long-lived keys.',
  },
  {
    id: 'github-pat',
    description: 'GitHub personal access token (classic)',
    severity: 'critical',
    keywords: ['ghp_'],
    regex: /\b(ghp_[A-Za-z0-9]{36})\b/g,
    validate: githubChecksum,
    remediation: GITHUB_REVOKE,
  },
  {
    id: 'github-oauth-token',
    description: 'GitHub OAuth access token',
    severity: 'critical',
    keywords: ['gho_'],
    regex: /\b(gho_[A-Za-z0-9]{36})\b/g,
    validate: githubChecksum,
    remediation: GITHUB_REVOKE,
  },
  {
    id: 'github-app-token',
    description: 'GitHub App user-to-server or installation token',
    severity: 'critical',
    keywords: ['ghu_', 'ghs_'],
    regex: /\b(gh[us]_[A-Za-z0-9]{36})\b/g,
    validate: githubChecksum,
    remediation: GITHUB_REVOKE,
  },
  {
    id: 'github-refresh-token',
    description: 'GitHub refresh token',
    severity: 'critical',
    keywords: ['ghr_'],
    regex: /\b(ghr_[A-Za-z0-9]{36})\b/g,
    validate: githubChecksum,
    remediation: GITHUB_REVOKE,
  },
  {
    id: 'github-fine-grained-pat',
    description: 'GitHub fine-grained personal access token',
    severity: 'critical',
    keywords: ['github_pat_'],
    regex: /\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/g,
    entropy: 4,
    remediation: GITHUB_REVOKE,
  },
  {
    id: 'gitlab-pat',
    description: 'GitLab personal access token',
    severity: 'critical',
    keywords: ['glpat-'],
    regex: /\b(glpat-[\w-]{20,})(?![\w-])/g,
    entropy: 3.5,
    remediation: 'Revoke it in GitLab (Preferences → Access tokens).',
  },
  {
    id: 'slack-token',
    description: 'Slack token',
    severity: 'high',
    keywords: ['xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxr-', 'xoxs-', 'xoxe-'],
    regex: /\b(xox[abposre](?:\.xox[a-z])?-[0-9A-Za-z-]{10,250})(?![\w-])/g,
    entropy: 3,
    remediation: 'Revoke it in the Slack app settings (OAuth & Permissions).',
  },
  {
    id: 'slack-webhook',
    description: 'Slack incoming webhook URL',
    severity: 'high',
    keywords: ['hooks.slack.com'],
    regex: /(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/_-]{20,})/g,
    entropy: 3.5,
    remediation: 'Regenerate the webhook in the Slack app settings.',
  },
  {
    id: 'stripe-secret-key',
    description: 'Stripe live secret or restricted key',
    severity: 'critical',
    keywords: ['sk_live_', 'rk_live_'],
    regex: /\b((?:sk|rk)_live_[A-Za-z0-9]{20,247})\b/g,
    entropy: 3.5,
    remediation: 'Roll the key in the Stripe dashboard (Developers → API keys).',
  },
  {
    id: 'npm-token',
    description: 'npm access token',
    severity: 'high',
    keywords: ['npm_'],
    regex: /\b(npm_[A-Za-z0-9]{36})\b/g,
    validate: githubChecksum,
    remediation: 'Revoke it with `npm token revoke` and publish with trusted publishing (OIDC) instead.',
  },
  {
    id: 'pypi-token',
    description: 'PyPI upload token',
    severity: 'high',
    keywords: ['pypi-ageichlwas5vcmc'],
    regex: /\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})(?![\w-])/g,
    entropy: 3.5,
    remediation: 'Delete the token on pypi.org and publish with trusted publishing (OIDC) instead.',
  },
  {
    id: 'openai-api-key',
    description: 'OpenAI API key',
    severity: 'high',
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 't3blbkfj'],
    regex: /\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![\w-])/g,
    entropy: 4,
    remediation: 'Revoke it at platform.openai.com (API keys).',
  },
  {
    id: 'anthropic-api-key',
    description: 'Anthropic API key',
    severity: 'high',
    keywords: ['sk-ant-'],
    regex: /\b(sk-ant-(?:api|admin|sid)\d{2}-[\w-]{80,})(?![\w-])/g,
    entropy: 4,
    remediation: 'Revoke it in the Anthropic Console (API keys).',
  },
  {
    id: 'google-api-key',
    description: 'Google API key',
    severity: 'high',
    keywords: ['aiza'],
    regex: /\b(AIza[0-9A-Za-z_-]{35})(?![\w-])/g,
    entropy: 4,
    remediation: 'Delete or regenerate it in Google Cloud Console (APIs & Services → Credentials) and restrict the new key.',
  },
  {
    id: 'private-key',
    description: 'Private key',
    severity: 'critical',
    keywords: ['private key-----'],
    // The body is bounded: an unbounded lazy body makes a BEGIN without an END backtrack over the rest of the file.
    regex: /(-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{64,65536}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----)/g,
    entropy: 4.5,
    remediation: 'Replace the key pair and revoke anything the public key is trusted by (deploy keys, certificates, authorized_keys).',
  },
  {
    id: 'jwt',
    description: 'JSON Web Token',
    severity: 'medium',
    keywords: ['eyj'],
    regex: /\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})(?![\w-])/g,
    entropy: 3.5,
    remediation: 'Revoke the session or signing key it belongs to; a signed token stays valid until it expires.',
  },
  {
    id: 'connection-string-password',
    description: 'Password in a database or broker connection string',
    severity: 'high',
    keywords: ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp', 'mssql', 'sqlserver'],
    // The user may be empty (`redis://:password@host`, the usual Redis form).
    regex: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver):\/\/[^\s:@/'"]{0,100}:([^\s:@/'"]{3,200})@[\w.-]/gi,
    remediation: 'Change the database password and build the URL at run time from a secret.',
  },
  {
    id: 'twilio-api-key',
    description: 'Twilio API key',
    severity: 'high',
    keywords: ['sk'],
    regex: /\b(SK[0-9a-f]{32})\b/g,
    entropy: 3,
    remediation: 'Delete the key in the Twilio Console (API keys & tokens).',
  },
  {
    id: 'sendgrid-api-key',
    description: 'SendGrid API key',
    severity: 'high',
    keywords: ['sg.'],
    regex: /\b(SG\.[\w-]{22}\.[\w-]{43})(?![\w-])/g,
    entropy: 4,
    remediation: 'Delete the key in SendGrid (Settings → API Keys).',
  },
  {
    id: 'discord-webhook',
    description: 'Discord webhook URL',
    severity: 'medium',
    keywords: ['discord.com/api/webhooks', 'discordapp.com/api/webhooks'],
    regex: /(https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/[\w-]{60,})/g,
    entropy: 3.5,
    remediation: 'Delete the webhook in the Discord channel settings and create a new one.',
  },
  {
    id: 'generic-secret-assignment',
    description: 'High-entropy value assigned to a password, secret, token or API key',
    severity: 'medium',
    keywords: ['password', 'passwd', 'pwd', 'secret', 'token', 'api_key', 'api-key', 'apikey', 'access_key', 'access-key', 'accesskey', 'auth_key', 'auth-key', 'authkey', 'credential'],
    regex: genericAssignment(),
    entropy: 3,
    generic: true,
  },
];
