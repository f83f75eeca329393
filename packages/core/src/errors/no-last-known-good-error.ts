import { ConfigurationError } from './configuration-error';

/** No earlier deployment qualifies as last known good: a rollback has no target unless one is named. */
export class NoLastKnownGoodError extends ConfigurationError {
  override readonly name = 'ConfigurationError';
}
