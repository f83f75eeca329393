import { ConfigurationError } from './configuration-error';
import { ExternalError } from './external-error';

/** How an action step reports a caught error: one line, and whether it was the user's, a service's or ours. */
export interface ClassifiedError {
  kind: 'configuration' | 'external' | 'bug';
  message: string;
}

/** Turns anything thrown into one clear line for the step's failure message. */
export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof ConfigurationError) {
    return { kind: 'configuration', message: `Configuration error — ${error.message}` };
  }
  if (error instanceof ExternalError) {
    const retry = error.retryable ? 'Re-running the job is likely to help.' : 'Re-running the job will not help until this is fixed.';
    return { kind: 'external', message: `${error.message} ${retry}` };
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    kind: 'bug',
    message: `Unexpected error (a bug in safe-deploy, please report it with the step's debug log): ${detail}`,
  };
}
