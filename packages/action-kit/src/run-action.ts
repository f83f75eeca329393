import { classifyError } from '@safe-deploy/core';
import type { ActionIO } from './action-io';

/**
 * Runs an action body and turns anything it throws into one clear failure line (configuration, external or
 * bug), never a bare stack trace; the stack goes to the debug log only.
 */
export async function runAction(io: ActionIO, body: (io: ActionIO) => Promise<void>): Promise<void> {
  try {
    await body(io);
  } catch (error) {
    const classified = classifyError(error);
    if (classified.kind === 'bug' && error instanceof Error && error.stack && process.env.RUNNER_DEBUG === '1') io.info(error.stack);
    io.setFailed(classified.message);
  }
}
