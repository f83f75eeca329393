import {
  assessTargetSecurity,
  buildDeploymentPayload,
  ConfigurationError,
  NoLastKnownGoodError,
  decideRollbackMode,
  runsTarget,
  DEPLOYMENT_TASKS,
  describeRollback,
  type Clock,
  type CommandAttempt,
  type CommandLine,
  type CommandRunner,
  type DeploymentRecord,
  type DeploymentStore,
  type HealthProbe,
  type IssueTracker,
  type Log,
  type Policy,
  type RollbackOutcome,
  type RollbackPlan,
  type RollbackTarget,
  type RunContext,
  type SourceRepository,
  type TimelineEntry,
  type VerificationOutcome,
  selectRollbackSubject,
  shortSha,
} from '@safe-deploy/core';
import { DeploymentHistory } from './read-history';
import { openOrUpdateIncident } from './open-or-update-incident';
import { runRestoreCommands } from './run-restore-commands';
import { verifyHealth, type VerifySettings } from './verify-health';

/** What to roll back, where, and how; built from action inputs and the policy. */
export interface RollbackRequest {
  environment: string;
  reason: string;
  trigger: 'automatic' | 'manual';
  /** Explicit target: a sha, short sha, tag, branch or deployment id. */
  to?: string;
  /** Explicit deployment to roll back (id or sha); default the environment's current one. */
  from?: string;
  dryRun: boolean;
  commands: { name: 'rollback-command' | 'restart-command'; command: CommandLine }[];
  workingDirectory: string;
  /** Post-restore verification; none when no health URL is configured. */
  verify?: VerifySettings;
  openIncident: boolean;
  environmentUrl?: string;
  /** Markdown for the incident's evidence section (what made the caller ask for a rollback). */
  evidence?: string;
  rollback: Policy['rollback'];
}

/** The restore commands in the order they run, from the `rollback-command` and `restart-command` inputs. */
export function restoreCommands(rollbackCommand: CommandLine | undefined, restartCommand: CommandLine | undefined): RollbackRequest['commands'] {
  return [
    ...(rollbackCommand ? [{ name: 'rollback-command' as const, command: rollbackCommand }] : []),
    ...(restartCommand ? [{ name: 'restart-command' as const, command: restartCommand }] : []),
  ];
}

/** The I/O a rollback needs, passed in. */
export interface RollbackDeps {
  store: DeploymentStore;
  repository: SourceRepository;
  issues: IssueTracker;
  runner: CommandRunner;
  probe: HealthProbe;
  clock: Clock;
  log: Log;
  context: RunContext;
}

/**
 * Rolls an environment back to its last known good deployment (or an explicit target), recorded in GitHub.
 * Nothing is written before every input has been checked; once the rollback deployment exists, every way out
 * leaves it with a final status.
 */
export async function performRollback(request: RollbackRequest, deps: RollbackDeps): Promise<RollbackOutcome> {
  const timeline: TimelineEntry[] = [];
  const note = (event: string) => {
    timeline.push({ at: deps.clock.now().toISOString(), event });
    deps.log.info(event);
  };
  note(`Rollback of '${request.environment}' requested (${request.trigger}): ${request.reason}`);

  const plan = await planRollback(request, deps);
  note(
    `Plan: ${plan.subject ? `#${plan.subject.id} ${shortSha(plan.subject.sha)}` : 'current'} → ${shortSha(plan.target.sha)} (${plan.target.source}${plan.target.deployment ? ` #${plan.target.deployment.id}` : ''}), ${plan.commitsTotal} commit(s) undone`,
  );
  const security = assessTargetSecurity(plan.target);
  if (security) deps.log.warning(security);
  await checkCommandsExist(request, deps.runner);

  const base = { plan, attempts: [] as CommandAttempt[], timeline };
  switch (plan.mode) {
    case 'already-at-target': {
      const healthy = plan.currentHealth ? ' and it is healthy' : '';
      note(`Nothing to do: deployment #${plan.current?.id} already runs ${shortSha(plan.target.sha)}${healthy}`);
      return { ...base, ...(plan.currentHealth ? { verification: plan.currentHealth } : {}), result: 'noop', code: 'already-at-target', message: `The environment already runs ${shortSha(plan.target.sha)} (deployment #${plan.current?.id})${healthy}; nothing was changed.` };
    }
    case 'dry-run':
      return {
        ...base,
        result: 'dry-run',
        code: 'dry-run-requested',
        message: `Dry run: an apply would ${plan.currentHealth ? `run the restore of ${shortSha(plan.target.sha)} again (it runs but is unhealthy)` : `restore ${shortSha(plan.target.sha)}`} in '${plan.environment}'. Nothing was changed.`,
      };
    case 'auto-disabled':
      deps.log.warning('Automatic rollback is switched off by rollback.auto: false in the policy; only the plan was made.');
      return { ...base, result: 'dry-run', code: 'auto-rollback-disabled', message: 'Automatic rollback is switched off (rollback.auto: false in the policy): this is the plan only. Roll back by hand with the rollback workflow.' };
    case 'apply':
      if (plan.currentHealth) note(`Deployment #${plan.current?.id} already runs ${shortSha(plan.target.sha)} but is unhealthy (${plan.currentHealth.reason}); running the restore again`);
      return applyRollback(request, deps, plan, timeline, note);
  }
}

async function planRollback(request: RollbackRequest, deps: RollbackDeps): Promise<RollbackPlan> {
  const history = new DeploymentHistory(deps.store, request.environment, request.rollback['history-limit']);
  await history.readFirstPage();
  const current = history.deployments.find((d) => d.task !== DEPLOYMENT_TASKS.drill);
  // A rollback deployment on top names the release it replaced; make sure that one is read before choosing.
  const origin = current?.task === DEPLOYMENT_TASKS.rollback ? current.payload?.rollback?.['from-deployment'] : undefined;
  if (origin !== undefined && !request.from) await history.findById(origin);
  const subject = request.from ? await resolveFrom(request.from, history) : selectRollbackSubject(history.deployments);
  let target: RollbackTarget;
  let skipped: RollbackPlan['skipped'] = [];
  if (request.to) {
    target = await resolveTo(request.to, history, deps.repository);
  } else {
    const answer = await history.lastKnownGood(subject);
    skipped = answer.skipped;
    if (answer.kind !== 'found') {
      throw new NoLastKnownGoodError(
        `environment '${request.environment}'`,
        `no deployment before #${subject?.id} (${subject ? shortSha(subject.sha) : '?'}) succeeded without later being marked bad (looked at ${history.deployments.length} deployment(s)${answer.skipped.length ? `; ${answer.skipped.map((s) => `#${s.deployment.id}: ${s.reason}`).slice(0, 5).join('; ')}` : ''}).`,
        `Name the version to return to with the 'to' input (a commit sha, tag or deployment id), or raise rollback.history-limit if the good deployment is older than ${request.rollback['history-limit']} deployments.`,
      );
    }
    target = { sha: answer.deployment.sha, ref: answer.deployment.payload?.release.ref ?? answer.deployment.ref, deployment: answer.deployment, source: 'last-known-good' };
  }
  const between = subject && subject.sha !== target.sha ? await deps.repository.commitsBetween(target.sha, subject.sha) : { commits: [], total: 0 };
  // Probe only when it decides something: the environment already runs the target.
  const currentHealth = runsTarget(current, target.sha) && request.verify ? await verifyHealth({ ...request.verify, retries: 0 }, deps) : undefined;
  const mode = decideRollbackMode({
    current,
    targetSha: target.sha,
    ...(currentHealth ? { currentHealthy: currentHealth.healthy } : {}),
    dryRun: request.dryRun,
    trigger: request.trigger,
    autoRollback: request.rollback.auto,
  });
  return {
    environment: request.environment,
    reason: request.reason,
    trigger: request.trigger,
    subject,
    current,
    target,
    skipped,
    commits: between.commits,
    commitsTotal: between.total,
    commands: request.commands,
    ...(request.evidence ? { evidence: request.evidence } : {}),
    ...(currentHealth ? { currentHealth } : {}),
    mode,
  };
}

async function resolveFrom(from: string, history: DeploymentHistory): Promise<DeploymentRecord> {
  const found = /^\d+$/.test(from) ? await history.findById(Number(from)) : /^[0-9a-f]{7,40}$/i.test(from) ? await history.findBySha(from) : undefined;
  if (found) return found;
  throw new ConfigurationError(
    `input 'from'`,
    `'${from}' is not a deployment of '${history.environment}' (looked at its ${history.deployments.length} most recent deployments).`,
    'Pass the id or commit sha of a deployment in this environment, or leave it empty to roll back the current deployment.',
  );
}

async function resolveTo(to: string, history: DeploymentHistory, repository: SourceRepository): Promise<RollbackTarget> {
  // All digits is a deployment id first (GitHub's run to ten digits), else a short sha that happens to be digits.
  if (/^\d+$/.test(to)) {
    const deployment = await history.findById(Number(to));
    if (deployment) return { sha: deployment.sha, ref: deployment.payload?.release.ref ?? deployment.ref, deployment, source: 'explicit' };
  }
  const sha = await repository.resolveCommit(to);
  if (!sha) {
    throw new ConfigurationError(
      `input 'to'`,
      `'${to}' is neither a deployment id of '${history.environment}' nor a commit, tag or branch of this repository.`,
      'Pass a full or short commit sha, a tag such as v1.4.2, or the id of an earlier deployment; leave it empty to use the last known good deployment.',
    );
  }
  const deployment = history.deployments.find((d) => d.sha === sha);
  return { sha, ref: to, deployment, source: 'explicit' };
}

async function checkCommandsExist(request: RollbackRequest, runner: CommandRunner): Promise<void> {
  for (const { name, command } of request.commands) {
    const executable = command.kind === 'argv' ? command.argv[0] : 'bash';
    if (!(await runner.locate(executable, request.workingDirectory))) {
      throw new ConfigurationError(
        `input '${name}'`,
        `the command '${executable}' was not found (on PATH or relative to ${request.workingDirectory}).`,
        `Install it in an earlier step, use a path relative to the working directory (e.g. ./scripts/rollback.sh, and make it executable), or correct '${name}'.`,
      );
    }
  }
}

async function applyRollback(
  request: RollbackRequest,
  deps: RollbackDeps,
  plan: RollbackPlan,
  timeline: TimelineEntry[],
  note: (event: string) => void,
): Promise<RollbackOutcome> {
  const { store, context } = deps;
  const payload = buildDeploymentPayload({
    schema: 'safe-deploy/deployment',
    version: 1,
    kind: 'rollback',
    release: { sha: plan.target.sha, ref: plan.target.ref, ...(plan.target.deployment?.payload?.release.version ? { version: plan.target.deployment.payload.release.version } : {}) },
    run: { id: context.runId, url: context.runUrl, event: context.event, ...(context.runAttempt ? { attempt: context.runAttempt } : {}), ...(context.workflow ? { workflow: context.workflow } : {}), ...(context.actor ? { actor: context.actor } : {}) },
    rollback: {
      reason: plan.reason,
      trigger: plan.trigger,
      ...(plan.subject ? { 'from-deployment': plan.subject.id, 'from-sha': plan.subject.sha } : {}),
      ...(plan.target.deployment ? { 'target-deployment': plan.target.deployment.id } : {}),
    },
  });
  const deployment = await store.createDeployment({
    sha: plan.target.sha,
    environment: plan.environment,
    task: DEPLOYMENT_TASKS.rollback,
    productionEnvironment: plan.subject?.productionEnvironment ?? plan.environment === 'production',
    description: describeRollback.started(plan),
    payload,
  });
  note(`Created rollback deployment #${deployment.id} for ${shortSha(plan.target.sha)}`);
  const status = (state: 'in_progress' | 'success' | 'failure' | 'error', description: string, id = deployment.id) =>
    store.createStatus(id, { state, description, logUrl: context.runUrl, ...(request.environmentUrl && id === deployment.id ? { environmentUrl: request.environmentUrl } : {}) });

  let attempts: CommandAttempt[] = [];
  let verification: VerificationOutcome | undefined;
  let outcome: RollbackOutcome;
  try {
    await status('in_progress', describeRollback.started(plan));
    const restore = await runRestoreCommands(plan, request, deps, note);
    attempts = restore.attempts;
    if (!restore.ok) {
      outcome = { plan, attempts, timeline, rollbackDeployment: deployment, result: 'failed', code: 'command-failed', message: restore.message };
    } else {
      if (request.verify) {
        note(`Verifying health at ${request.verify.url}`);
        verification = await verifyHealth(request.verify, deps);
        note(`Health verification: ${verification.healthy ? 'healthy' : 'UNHEALTHY'} — ${verification.reason}`);
      }
      outcome =
        !verification || verification.healthy
          ? { plan, attempts, timeline, verification, rollbackDeployment: deployment, result: 'rolled-back', code: 'restored', message: `Restored ${shortSha(plan.target.sha)} in '${plan.environment}'${verification ? ' and verified it healthy' : ' (no health URL configured, so it was not verified)'}.` }
          : { plan, attempts, timeline, verification, rollbackDeployment: deployment, result: 'failed', code: 'verification-failed', message: `Restored ${shortSha(plan.target.sha)} but it is unhealthy too: ${verification.reason}` };
    }
    if (outcome.result === 'rolled-back') {
      if (plan.subject) await status('failure', describeRollback.rolledBackFrom(plan, deployment.id), plan.subject.id);
      await status('success', describeRollback.restored(plan));
      note(`Marked #${plan.subject?.id} failure (rolled back) and #${deployment.id} success`);
    } else {
      await status('failure', describeRollback.restoreFailed(outcome.message));
      if (plan.subject) await status('failure', describeRollback.abandonedFrom(plan, deployment.id), plan.subject.id);
      note(`Marked #${deployment.id} failure; escalating`);
    }
  } catch (error) {
    await status('error', describeRollback.aborted(error instanceof Error ? error.message : String(error))).catch((closeError: unknown) => {
      deps.log.warning(`Could not close rollback deployment #${deployment.id} with an error status: ${String(closeError)}`);
    });
    throw error;
  }
  if (request.openIncident || plan.trigger === 'automatic') {
    outcome.incident = await openOrUpdateIncident(outcome, deps, request.rollback.incident);
    note(`Incident #${outcome.incident.number} ${outcome.incident.action}`);
  }
  return outcome;
}
