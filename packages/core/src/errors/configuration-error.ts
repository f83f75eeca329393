/** A problem the user can fix: names the input or policy path, the bad value and the fix. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  /** Where the problem is: an input (`input 'environment'`) or a policy path (`.github/deploy-policy.yml:4:3 rollback.max-attempts`). */
  readonly where: string;
  /** What the user should do about it. */
  readonly fix: string;

  constructor(where: string, problem: string, fix: string) {
    super(`${where}: ${problem} Fix: ${fix}`);
    this.where = where;
    this.fix = fix;
  }
}
