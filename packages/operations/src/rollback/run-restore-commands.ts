import { shortSha, type CommandAttempt, type RollbackPlan } from '@safe-deploy/core';
import type { RollbackDeps, RollbackRequest } from './perform-rollback';

/**
 * Runs the rollback command then the restart command, retrying the whole sequence up to
 * `rollback.max-attempts` times (seed 003: 3) with `rollback.retry-delay` between tries.
 */
export async function runRestoreCommands(
  plan: RollbackPlan,
  request: RollbackRequest,
  deps: Pick<RollbackDeps, 'runner' | 'clock'>,
  note: (event: string) => void,
): Promise<{ ok: boolean; attempts: CommandAttempt[]; message: string }> {
  const attempts: CommandAttempt[] = [];
  if (plan.commands.length === 0) return { ok: true, attempts, message: 'no commands configured' };
  const env = {
    TARGET_SHA: plan.target.sha,
    TARGET_REF: plan.target.ref,
    ENVIRONMENT: plan.environment,
    REASON: plan.reason,
    BAD_SHA: plan.subject?.sha ?? '',
  };
  const maxAttempts = request.rollback['max-attempts'];
  let lastFailure = '';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let failed = false;
    for (const { name, command } of plan.commands) {
      note(`Attempt ${attempt}/${maxAttempts}: running ${name}`);
      const result = await deps.runner.run(command, { env, cwd: request.workingDirectory, timeoutSeconds: request.rollback['command-timeout'] });
      attempts.push({ attempt, name, command: command.text, result });
      if (result.exitCode !== 0 || result.timedOut) {
        lastFailure = `${name} ${result.timedOut ? `timed out after ${request.rollback['command-timeout']} s` : `exited with code ${result.exitCode}`}`;
        note(`Attempt ${attempt}/${maxAttempts}: ${lastFailure}`);
        failed = true;
        break;
      }
    }
    if (!failed) {
      note(`Restore commands succeeded on attempt ${attempt} (target ${shortSha(plan.target.sha)})`);
      return { ok: true, attempts, message: 'restore commands succeeded' };
    }
    if (attempt < maxAttempts) await deps.clock.sleep(request.rollback['retry-delay']);
  }
  return { ok: false, attempts, message: `The restore did not complete: ${lastFailure} on all ${maxAttempts} attempt(s).` };
}
