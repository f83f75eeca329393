import {
  assessHealth,
  assessRolloutStart,
  buildDeploymentPayload,
  ConfigurationError,
  decideRolloutCheck,
  NoLastKnownGoodError,
  DEPLOYMENT_TASKS,
  describeRollout,
  measureCanarySuccessRate,
  parseControlRequest,
  renderRolloutSummary,
  shortSha,
  captureBaseline,
  type Baseline,
  type CommandLine,
  type DeploymentPayload,
  type DeploymentRecord,
  type DeploymentState,
  type HealthAssessment,
  type HealthCheck,
  type MetricsProvider,
  type Policy,
  type RollbackOutcome,
  type RolloutOperation,
  type RolloutReport,
  type StageRecord,
  type TimelineEntry,
  type TrafficRouter,
} from '@safe-deploy/core';
import { performRollback, restoreCommands, type RollbackDeps } from '../rollback/perform-rollback';
import { verifySettingsFrom } from '../rollback/verify-health';
import { readHealthCheck } from '../watch/read-health-check';
import { applyWeight, restoreStable } from './apply-weight';
import { openRolloutIncident } from './open-rollout-incident';
import { readNewestDeployment } from './read-newest-deployment';
import { runSmokeChecks } from './run-smoke-checks';

/** A progressive deploy as the inputs and the policy describe it. */
export interface ProgressiveDeployRequest {
  environment: string;
  sha: string;
  ref: string;
  version?: string;
  operation: RolloutOperation;
  /** Why a deploy may start inside the previous release's observation window (recorded on the deployment). */
  override?: string;
  /** Why, for `promote` and `abort`. */
  reason?: string;
  deployCommand?: CommandLine;
  promoteCommand?: CommandLine;
  rollbackCommand?: CommandLine;
  workingDirectory: string;
  environmentUrl?: string;
  /** Probed after a rollback to verify stable answers (the rollback library's verification). */
  healthUrl?: string;
  baseline?: Baseline;
  verdicts?: DeploymentPayload['verdicts'];
  policyDigest?: string;
  /** The window each metrics query covers; default the check interval. */
  windowSeconds?: number;
  policy: Policy;
}

/** The I/O of a progressive deploy: the rollback's, plus metrics and the traffic router. */
export interface ProgressiveDeployDeps extends RollbackDeps {
  providers: MetricsProvider[];
  router: TrafficRouter;
  /** Called as soon as the deployment exists, so a cancelled run's post step can find it. */
  onDeploymentCreated?: (deploymentId: number) => void | Promise<void>;
}

/** What a run did. */
export interface ProgressiveDeployOutcome {
  report: RolloutReport;
  rollback?: RollbackOutcome;
  incident?: { number: number; url: string };
}

/** Why the rollout is rolled back: the reason, the incident's severity, a machine code, and who asked. */
interface RollbackCause {
  reason: string;
  severity: 'S1' | 'S2' | 'S3' | 'S4';
  code: string;
  trigger: 'automatic' | 'manual';
}

type Ending = { kind: 'rollback'; cause: RollbackCause } | { kind: 'pause'; reason: string; code: string } | { kind: 'abort'; reason: string; code: string; state: DeploymentState } | { kind: 'external-abort'; reason: string; state: DeploymentState } | { kind: 'promote' };

/** The mutable record of one run, kept in one place so every way out reports the same facts. */
class RolloutRun {
  readonly timeline: TimelineEntry[] = [];
  readonly stages: StageRecord[] = [];
  readonly history: HealthCheck[] = [];
  readonly checkStages: number[] = [];
  readonly verdicts: { at: string; verdict: HealthAssessment['verdict'] }[] = [];
  assessment: HealthAssessment | undefined;
  deployment: DeploymentRecord | undefined;
  baseline: Baseline | undefined;
  firstTrafficAt: number | undefined;
  /** Descriptions this run wrote, and status ids already looked at: the control check reads only others' news. */
  readonly written = new Set<string>();
  readonly seenStatuses = new Set<number>();
  lastPoll: number;
  promoteRequested = false;

  constructor(
    readonly request: ProgressiveDeployRequest,
    readonly deps: ProgressiveDeployDeps,
  ) {
    this.lastPoll = deps.clock.now().getTime();
  }

  get total(): number {
    return this.request.policy.canary.stages.length;
  }

  note(event: string, level: 'info' | 'warning' = 'info'): void {
    this.timeline.push({ at: this.deps.clock.now().toISOString(), event });
    this.deps.log[level](event);
  }

  async status(state: DeploymentState, description: string): Promise<void> {
    if (!this.deployment) return;
    await this.deps.store.createStatus(this.deployment.id, {
      state,
      description,
      logUrl: this.deps.context.runUrl,
      ...(this.request.environmentUrl ? { environmentUrl: this.request.environmentUrl } : {}),
    });
    this.written.add(description);
  }

  report(result: RolloutReport['result'], code: string, message: string, extra: Partial<RolloutReport> = {}): RolloutReport {
    return {
      environment: this.request.environment,
      sha: this.request.sha,
      ...(this.deployment ? { deploymentId: this.deployment.id } : {}),
      result,
      code,
      message,
      totalStages: this.total,
      stages: this.stages,
      history: this.history,
      checkStages: this.checkStages,
      verdicts: this.verdicts,
      ...(this.assessment ? { assessment: this.assessment } : {}),
      ...(this.baseline ? { baseline: this.baseline } : {}),
      timeline: this.timeline,
      ...extra,
    };
  }

  /** How the previous stage ended, for the next status (`; 25 % was healthy, success 99.9 %`): the verdict in the record at no extra request. */
  lastStageNote(): string {
    const last = this.stages.at(-1);
    if (!last?.verdict) return '';
    return `; ${last.stage === 0 ? 'the bake' : `${last.weight} %`} was ${last.verdict}${last.successRate === undefined ? '' : `, success ${last.successRate >= 99.95 && last.successRate < 100 ? '99.9' : Number(last.successRate.toFixed(1))} %`}`;
  }

  commandEnv(): Record<string, string> {
    return {
      TARGET_SHA: this.request.sha,
      TARGET_REF: this.request.ref,
      ENVIRONMENT: this.request.environment,
      SAFE_DEPLOY_ENVIRONMENT: this.request.environment,
      SAFE_DEPLOY_SHA: this.request.sha,
      SAFE_DEPLOY_VERSION: this.request.version ?? this.request.sha,
      SAFE_DEPLOY_DEPLOYMENT_ID: this.deployment ? String(this.deployment.id) : '',
    };
  }

  async runCommand(name: string, command: CommandLine): Promise<{ ok: boolean; message: string }> {
    this.note(`Running ${name}: ${command.text}`);
    // rollback-command means what it means in the rollback library: BAD_SHA is the version going away, TARGET_SHA
    // (set only there) the one restored. Outside it, nothing is restored, so TARGET_SHA is not set.
    const { TARGET_SHA: _target, TARGET_REF: _ref, ...rest } = this.commandEnv();
    const env = name === 'rollback-command' ? { ...rest, BAD_SHA: this.request.sha } : this.commandEnv();
    const result = await this.deps.runner.run(command, { env, cwd: this.request.workingDirectory, timeoutSeconds: this.request.policy.rollback['command-timeout'] });
    if (result.exitCode === 0 && !result.timedOut) return { ok: true, message: `${name} succeeded` };
    const message = `${name} ${result.timedOut ? `timed out after ${this.request.policy.rollback['command-timeout']} s` : `exited with code ${result.exitCode}`}${result.outputTail ? `: ${result.outputTail.split('\n').filter(Boolean).slice(-3).join(' / ')}` : ''}`;
    this.note(message, 'warning');
    return { ok: false, message };
  }

  async setWeight(weight: number): Promise<void> {
    const detail = await applyWeight(this.deps.router, weight, { timeoutSeconds: this.request.policy.canary['weight-timeout'], clock: this.deps.clock, log: this.deps.log });
    this.note(`Traffic: ${detail}`);
  }
}

/**
 * Ships `sha` to `environment` in stages through a traffic router, judging the canary against stable at every
 * check with the health engine, and ends promoted, rolled back, paused for a decision, or failed — all recorded on
 * one GitHub deployment. Nothing is written before the lock and the inputs have been checked; once the deployment
 * exists every way out leaves traffic on a version that was judged and the record with the matching status.
 */
export async function progressiveDeploy(request: ProgressiveDeployRequest, deps: ProgressiveDeployDeps): Promise<ProgressiveDeployOutcome> {
  const run = new RolloutRun(request, deps);
  const newest = await readNewestDeployment(deps.store, request.environment);
  const start = assessRolloutStart({ newest, operation: request.operation, sha: request.sha, override: request.override, now: deps.clock.now(), lock: request.policy.lock });
  switch (start.kind) {
    case 'refuse':
      throw new ConfigurationError(`environment '${request.environment}'`, start.problem, start.fix);
    case 'request': {
      run.deployment = start.deployment;
      const by = deps.context.actor ?? 'unknown';
      await run.status('in_progress', describeRollout.control({ operation: request.operation as 'promote' | 'abort', by, reason: request.reason ?? '' }));
      // The rollout may have ended between the read and the write: then its final status must stay the last word.
      const seen = new Set(start.deployment.statuses.map((s) => s.id));
      const ended = (await deps.store.listStatuses(start.deployment.id)).find((s) => !seen.has(s.id) && s.state !== 'in_progress' && s.state !== 'queued' && s.state !== 'pending');
      if (ended) {
        await run.status(ended.state, ended.description);
        const late = `The rollout of ${shortSha(start.deployment.sha)} (deployment #${start.deployment.id}) ended (${ended.state}: ${ended.description}) before the ${request.operation} request arrived; nothing was changed.`;
        run.note(late, 'warning');
        return { report: { ...run.report('requested', `${request.operation}-too-late`, late), sha: start.deployment.sha } };
      }
      const message = `Asked the running rollout of ${shortSha(start.deployment.sha)} (deployment #${start.deployment.id}) to ${request.operation}; it acts at its next control check (every ${request.policy.canary['control-interval']} s at most).`;
      run.note(message);
      return { report: { ...run.report('requested', `${request.operation}-requested`, message), sha: start.deployment.sha } };
    }
    case 'resume':
      return resume(new RolloutRun(resumedRequest(request, start.deployment), deps), start.deployment, start.position.stage);
    case 'start':
      return begin(run, newest, start.override, start.stale);
  }
}

/** A resumed rollout is the recorded one: its commit, version and stages, whatever the dispatching run checked out. */
function resumedRequest(request: ProgressiveDeployRequest, deployment: DeploymentRecord): ProgressiveDeployRequest {
  const release = deployment.payload?.release;
  const stages = deployment.payload?.rollout?.stages;
  return {
    ...request,
    sha: deployment.sha,
    ref: release?.ref ?? deployment.ref,
    ...(release?.version ? { version: release.version } : {}),
    policy: stages ? { ...request.policy, canary: { ...request.policy.canary, stages } } : request.policy,
  };
}

async function begin(run: RolloutRun, previous: DeploymentRecord | undefined, override: string | undefined, stale: DeploymentRecord | undefined): Promise<ProgressiveDeployOutcome> {
  const { request, deps } = run;
  // A mistake in the router must stop the rollout here, not roll back a healthy release at the stage it breaks.
  await deps.router.check(request.policy.canary.stages.map((s) => s.weight));
  if (override) run.note(`Starting inside the observation window of #${previous?.id}: override given (${override})`, 'warning');
  run.baseline = request.baseline ?? (await captureStableBaseline(run));
  if (stale) {
    await deps.store.createStatus(stale.id, { state: 'error', description: `Abandoned: still ${stale.statuses[0]?.state} after lock.stale-after; superseded by a new rollout`, logUrl: deps.context.runUrl });
    run.note(`Marked stale deployment #${stale.id} error (abandoned)`, 'warning');
  }
  const payload = buildDeploymentPayload({
    schema: 'safe-deploy/deployment',
    version: 1,
    kind: 'deploy',
    release: { sha: request.sha, ref: request.ref, ...(request.version ? { version: request.version } : {}) },
    run: { id: deps.context.runId, url: deps.context.runUrl, event: deps.context.event, ...(deps.context.runAttempt ? { attempt: deps.context.runAttempt } : {}), ...(deps.context.workflow ? { workflow: deps.context.workflow } : {}), ...(deps.context.actor ? { actor: deps.context.actor } : {}) },
    ...(request.verdicts ? { verdicts: request.verdicts } : {}),
    ...(run.baseline ? { baseline: run.baseline } : {}),
    rollout: {
      stages: request.policy.canary.stages.map((s) => ({ weight: s.weight, hold: s.hold })),
      router: deps.router.kind,
      ...(request.policyDigest ? { 'policy-digest': request.policyDigest } : {}),
      ...(override ? { override: { reason: override, ...(deps.context.actor ? { by: deps.context.actor } : {}) } } : {}),
    },
  });
  run.deployment = await deps.store.createDeployment({
    sha: request.sha,
    environment: request.environment,
    task: DEPLOYMENT_TASKS.deploy,
    productionEnvironment: request.environment === 'production',
    description: `Progressive deploy of ${request.version ?? shortSha(request.sha)}: ${request.policy.canary.stages.map((s) => `${s.weight} %`).join(' → ')}`,
    payload,
  });
  await deps.onDeploymentCreated?.(run.deployment.id);
  run.note(`Created deployment #${run.deployment.id} for ${shortSha(request.sha)} in '${request.environment}'`);
  try {
    await run.status('in_progress', describeRollout.position(0, run.total, 0, 'starting the canary'));
    if (request.deployCommand) {
      const deployed = await run.runCommand('deploy-command', request.deployCommand);
      if (!deployed.ok) return await failBeforeTraffic(run, 'deploy-failed', `The deploy command failed, so no traffic moved: ${deployed.message}.`);
    }
    const smoke = request.policy.canary['smoke-checks'];
    if (smoke.urls.length > 0) {
      const checks = await runSmokeChecks(smoke.urls, { timeoutSeconds: smoke.timeout, intervalSeconds: smoke.interval }, deps);
      checks.results.forEach((line) => run.note(`Smoke check: ${line}`));
      if (!checks.ok) return await failBeforeTraffic(run, 'smoke-failed', `The canary failed its smoke checks, so no traffic moved: ${checks.results.at(-1)}.`);
    }
    return await finish(run, await runStages(run, 1));
  } catch (error) {
    return await crash(run, error);
  }
}

async function resume(run: RolloutRun, deployment: DeploymentRecord, stage: number): Promise<ProgressiveDeployOutcome> {
  const { request } = run;
  run.deployment = deployment;
  run.baseline = deployment.payload?.baseline;
  await run.deps.onDeploymentCreated?.(deployment.id);
  run.note(`Resuming deployment #${deployment.id} (${shortSha(deployment.sha)}) at stage ${stage}/${run.total} with operation '${request.operation}'`);
  try {
    if (request.operation === 'abort') {
      const reason = `Aborted by @${run.deps.context.actor ?? 'unknown'}${request.reason ? `: ${request.reason}` : ''}`;
      return await finish(run, { kind: 'rollback', cause: { reason, severity: request.policy.rollback.incident.severity, code: 'aborted', trigger: 'manual' } });
    }
    if (request.operation === 'promote') run.promoteRequested = true;
    return await finish(run, await runStages(run, Math.max(1, stage)));
  } catch (error) {
    return await crash(run, error);
  }
}

/** Walks the stages from `from`: set the weight, verify it, hold while judging, then advance or end. */
async function runStages(run: RolloutRun, from: number): Promise<Ending> {
  const { canary } = run.request.policy;
  for (let index = from; index <= run.total; index++) {
    const last = index === run.total || run.promoteRequested;
    const stage = run.promoteRequested ? run.total : index;
    const weight = canary.stages[stage - 1]?.weight ?? 100;
    const hold = run.promoteRequested ? 0 : (canary.stages[stage - 1]?.hold ?? 0);
    try {
      await run.setWeight(weight);
    } catch (error) {
      return routerFailed(run, stage, weight, error);
    }
    run.firstTrafficAt ??= run.deps.clock.now().getTime();
    await run.status('in_progress', describeRollout.position(stage, run.total, weight, `${run.promoteRequested ? 'promote requested' : 'holding'}${run.lastStageNote()}`));
    const ending = await holdStage(run, stage, weight, hold);
    if (ending) return ending;
    if (last) break;
  }
  if (canary.bake > 0 && !run.promoteRequested) {
    await run.status('in_progress', describeRollout.position(run.total, run.total, 100, `baking ${canary.bake} s`));
    const ending = await holdStage(run, 0, 100, canary.bake);
    if (ending) return ending;
  }
  return { kind: 'promote' };
}

/** Holds a stage, checking every interval; returns how the rollout ends, or undefined to advance. */
async function holdStage(run: RolloutRun, stage: number, weight: number, holdSeconds: number): Promise<Ending | undefined> {
  const { request, deps } = run;
  const { canary, health } = request.policy;
  const interval = canary['check-interval'];
  const record: StageRecord = { stage, weight, startedAt: deps.clock.now().toISOString(), checks: 0, outcome: 'running' };
  run.stages.push(record);
  run.note(stage === 0 ? `Baking at 100 % for ${holdSeconds} s` : `Stage ${stage}/${run.total}: ${weight} % to the canary, holding ${holdSeconds} s`);
  if (holdSeconds <= 0) {
    record.outcome = 'advanced';
    record.endedAt = deps.clock.now().toISOString();
    return undefined;
  }
  let holdStart = deps.clock.now().getTime();
  let extensions = 0;
  const end = (outcome: StageRecord['outcome'], note?: string) => {
    record.outcome = outcome;
    record.endedAt = deps.clock.now().toISOString();
    if (note) record.note = note;
  };
  for (;;) {
    await deps.clock.sleep(interval);
    // No version in the query: the tracks tell canary from stable, and a version label would hide stable's series.
    const check = await readHealthCheck(deps.providers, ['canary', 'stable'], { windowSeconds: request.windowSeconds ?? interval, environment: request.environment }, deps.clock);
    run.history.push(check);
    run.checkStages.push(stage);
    const assessment = assessHealth({ history: run.history, now: check.at, track: 'canary', mode: 'canary', policy: health, ...(run.baseline ? { baseline: run.baseline } : {}) });
    run.assessment = assessment;
    run.verdicts.push({ at: check.at, verdict: assessment.verdict });
    const successRate = measureCanarySuccessRate(run.history, health['minimum-requests']);
    record.checks += 1;
    record.verdict = assessment.verdict;
    if (successRate) record.successRate = successRate.percent;
    const elapsed = (deps.clock.now().getTime() - holdStart) / 1000;
    // The hold is a minimum: a stage advances at the first check at or after it (reads take time; never before).
    const decision = decideRolloutCheck({ assessment, successRate, holdOver: elapsed >= holdSeconds - 1e-9, extensions, policy: canary, severity: request.policy.rollback.incident.severity });
    const fired = assessment.reasons.filter((r) => r.severity === 'critical' || r.severity === 'warning').map((r) => r.sentence);
    deps.log.info(`[${check.at}] stage ${stage === 0 ? 'bake' : `${stage}/${run.total}`} · ${weight} % · ${assessment.verdict}${successRate ? ` · success ${successRate.percent.toFixed(2)} %` : ''}${fired.length ? `: ${fired.join(' ')}` : ''} → ${decision.action}`);
    switch (decision.action) {
      case 'rollback':
        end('rolled-back', decision.reason);
        return { kind: 'rollback', cause: { reason: decision.reason, severity: decision.severity, code: decision.code, trigger: 'automatic' } };
      case 'pause':
        end('paused', decision.reason);
        return { kind: 'pause', reason: decision.reason, code: decision.code };
      case 'abort':
        end('aborted', decision.reason);
        return { kind: 'abort', reason: decision.reason, code: decision.code, state: 'error' };
      case 'extend':
        extensions += 1;
        holdStart = deps.clock.now().getTime();
        run.note(decision.reason);
        // A status per extension keeps the rollout's record fresh, so a long inconclusive stage never looks stale.
        await run.status('in_progress', describeRollout.position(stage || run.total, run.total, weight, `holding again: inconclusive (${extensions} of ${canary['max-inconclusive-holds']})`));
        break;
      case 'advance':
        if (decision.warning) run.note(decision.warning, 'warning');
        end(stage === 0 || (stage === run.total && canary.bake <= 0) ? 'promoted' : 'advanced', decision.warning);
        return undefined;
      case 'hold':
        break;
    }
    const control = await pollControl(run);
    if (control) {
      end(control.kind === 'promote' ? 'advanced' : 'aborted', control.kind === 'promote' ? 'promote requested' : control.kind === 'rollback' ? control.cause.reason : control.reason);
      if (control.kind !== 'promote') return control;
      run.promoteRequested = true;
      return undefined;
    }
  }
}

/**
 * Reads the deployment's statuses when `control-interval` has passed (or when `force`d, before promoting): a
 * request from another run, or a mark from the rollback action.
 */
async function pollControl(run: RolloutRun, force = false): Promise<{ kind: 'promote' } | Extract<Ending, { kind: 'rollback' | 'external-abort' }> | undefined> {
  const { deps, request } = run;
  const now = deps.clock.now().getTime();
  if (!run.deployment || (!force && (now - run.lastPoll) / 1000 < request.policy.canary['control-interval'])) return undefined;
  run.lastPoll = now;
  const news = (await deps.store.listStatuses(run.deployment.id)).filter((s) => !run.seenStatuses.has(s.id) && !run.written.has(s.description)).reverse();
  for (const status of news) {
    run.seenStatuses.add(status.id);
    if (status.state !== 'in_progress' && status.state !== 'queued' && status.state !== 'pending') {
      run.note(`Deployment #${run.deployment.id} was marked ${status.state} from outside (${status.description}); stopping the rollout`, 'warning');
      return { kind: 'external-abort', reason: `Marked ${status.state} from outside: ${status.description}`, state: status.state };
    }
    const control = parseControlRequest(status.description);
    if (!control) continue;
    run.note(`${control.operation} requested by @${control.by}${control.reason ? ` (${control.reason})` : ''}`, 'warning');
    if (control.operation === 'promote') return { kind: 'promote' };
    return { kind: 'rollback', cause: { reason: `Aborted by @${control.by}${control.reason ? `: ${control.reason}` : ''}`, severity: request.policy.rollback.incident.severity, code: 'aborted', trigger: 'manual' } };
  }
  return undefined;
}

function routerFailed(run: RolloutRun, stage: number, weight: number, error: unknown): Ending {
  const message = error instanceof Error ? error.message : String(error);
  run.stages.push({ stage, weight, startedAt: run.deps.clock.now().toISOString(), endedAt: run.deps.clock.now().toISOString(), checks: 0, outcome: 'rolled-back', note: `the router failed: ${message}` });
  run.note(`Setting ${weight} % failed: ${message}`, 'warning');
  return { kind: 'rollback', cause: { reason: `The traffic router failed at stage ${stage}/${run.total} (${weight} %): ${message}`, severity: run.request.policy.rollback.incident.severity, code: 'router-failed', trigger: 'automatic' } };
}

/** Acts on how the stages ended and writes the final record. */
async function finish(run: RolloutRun, ending: Ending): Promise<ProgressiveDeployOutcome> {
  switch (ending.kind) {
    case 'promote':
      return promote(run);
    case 'pause':
      return pause(run, ending.reason, ending.code);
    case 'abort':
      return abort(run, ending.reason, ending.code, ending.state);
    case 'external-abort':
      // Statuses this run wrote after the mark would hide it (the newest status is the state): repeat it last.
      return abort(run, ending.reason, 'aborted-externally', ending.state);
    case 'rollback':
      return rollBack(run, ending.cause);
  }
}

async function promote(run: RolloutRun): Promise<ProgressiveDeployOutcome> {
  const { request } = run;
  // The last word before `success`: an abort or an outside mark written since the last control check wins.
  const late = await pollControl(run, true);
  if (late && late.kind !== 'promote') return finish(run, late);
  if (request.promoteCommand) {
    const promoted = await run.runCommand('promote-command', request.promoteCommand);
    if (!promoted.ok) {
      await run.status('error', describeRollout.position(run.total, run.total, 100, `promote command failed; the canary serves 100 %`));
      return { report: run.report('failed', 'promote-failed', `The canary passed every stage, but the promote command failed (${promoted.message}); it still serves 100 % of traffic. Fix the promote step and run it by hand.`) };
    }
    await run.setWeight(0);
    run.note('The promoted version now runs as stable; the router sends it all traffic');
  }
  await run.status('success', describeRollout.position(run.total, run.total, 100, `promoted${run.lastStageNote()}`));
  const message = `Promoted ${request.version ?? shortSha(request.sha)} to 100 % of '${request.environment}' after ${run.history.length} health check${run.history.length === 1 ? '' : 's'} over ${run.stages.filter((s) => s.stage > 0).length} stage(s).`;
  run.note(message);
  return { report: run.report('promoted', 'promoted', message) };
}

/**
 * Stops advancing and waits for a person. At 100 % (or in the bake) every user would wait on a canary that is
 * failing some requests, so the pause steps back to the previous stage's weight first (0 % for a single stage).
 */
async function pause(run: RolloutRun, reason: string, code: string): Promise<ProgressiveDeployOutcome> {
  const stages = run.request.policy.canary.stages;
  const record = run.stages.at(-1);
  let stage = record?.stage || run.total;
  let weight = record?.weight ?? 0;
  if (stage === run.total && weight >= 100) {
    stage = run.total - 1;
    weight = stages[stage - 1]?.weight ?? 0;
    try {
      await run.setWeight(weight);
      run.note(`Paused at 100 %: stepped back to ${weight} % while waiting for a decision`, 'warning');
    } catch (error) {
      const restored = await restoreTraffic(run);
      ({ stage, weight } = { stage: 0, weight: restored.ok ? 0 : 100 });
      run.note(`Stepping back failed (${error instanceof Error ? error.message : String(error)}); traffic is at ${weight} %`, 'warning');
    }
  }
  await run.status('in_progress', describeRollout.paused(stage, run.total, weight, `needs decision: ${reason}`));
  const report = run.report('paused', code, `Paused: ${reason} The canary keeps ${weight} % until someone promotes or aborts.`);
  const incident = await openRolloutIncident(report, run.deps, run.request.policy.rollback.incident);
  run.note(`Incident #${incident.number} ${incident.action} (needs decision)`);
  return { report, incident };
}

/** Traffic back to stable and the canary stopped, without judging the new version bad (or after someone else did). */
async function abort(run: RolloutRun, reason: string, code: string, state: DeploymentState): Promise<ProgressiveDeployOutcome> {
  const restored = await restoreTraffic(run);
  await stopCanary(run);
  const stage = run.stages.at(-1);
  await run.status(state, describeRollout.position(stage?.stage || 0, run.total, 0, `aborted: ${reason}`));
  const message = `${reason} ${restored.ok ? 'All traffic is back on stable.' : `Putting traffic back on stable FAILED: ${restored.detail}`}`;
  return { report: run.report(code === 'aborted-externally' ? 'rolled-back' : 'failed', code, message, secondsToRestore(run, restored.at)) };
}

async function rollBack(run: RolloutRun, cause: RollbackCause): Promise<ProgressiveDeployOutcome> {
  const { request, deps } = run;
  const restored = await restoreTraffic(run);
  const stage = run.stages.at(-1);
  const where = stage ? `stage ${stage.stage === 0 ? 'bake' : `${stage.stage}/${run.total}`} (${stage.weight} %)` : 'the start';
  const report = run.report('rolled-back', cause.code, `Rolled back at ${where}: ${cause.reason} ${restored.ok ? 'All traffic is back on stable.' : `Putting traffic back on stable FAILED: ${restored.detail}`}`, secondsToRestore(run, restored.at));
  const evidence = renderRolloutSummary(report).split('\n').slice(2).join('\n');
  const incidentPolicy = { ...request.policy.rollback.incident, severity: cause.severity };
  /** Stops the canary, marks this deployment failure and opens the incident itself, when the rollback library wrote no record. */
  const recordItself = async (why: string): Promise<ProgressiveDeployOutcome> => {
    run.note(`${why}; stopping the canary and marking #${run.deployment?.id} failure`, 'warning');
    await stopCanary(run);
    await run.status('failure', describeRollout.position(stage?.stage ?? 0, run.total, 0, `rolled back: ${cause.reason}`));
    return { report, incident: await openRolloutIncident(report, deps, incidentPolicy) };
  };
  try {
    const rollback = await performRollback(
      {
        environment: request.environment,
        reason: `Progressive deploy, ${where}: ${cause.reason}`.slice(0, 300),
        trigger: cause.trigger,
        from: String(run.deployment?.id),
        dryRun: false,
        commands: restoreCommands(request.rollbackCommand, undefined),
        workingDirectory: request.workingDirectory,
        ...(request.healthUrl ? { verify: verifySettingsFrom(request.healthUrl, request.policy.rollback.verify) } : {}),
        openIncident: true,
        evidence,
        rollback: { ...request.policy.rollback, incident: incidentPolicy },
      },
      deps,
    );
    run.timeline.push(...rollback.timeline);
    // rollback.auto: false makes it a plan only: traffic is already back on stable, so the rollout records itself.
    if (!rollback.rollbackDeployment) return { ...(await recordItself(`The rollback wrote no record (${rollback.code}: ${rollback.message})`)), rollback };
    if (rollback.result !== 'rolled-back') report.result = 'failed';
    return { report, rollback, ...(rollback.incident ? { incident: rollback.incident } : {}) };
  } catch (error) {
    // The first release of an environment has nothing to roll back to: the canary is stopped and the record says so.
    if (error instanceof NoLastKnownGoodError) return recordItself(`No earlier release to record a rollback to (${error.message})`);
    throw error;
  }
}

async function failBeforeTraffic(run: RolloutRun, code: string, message: string): Promise<ProgressiveDeployOutcome> {
  await stopCanary(run);
  await run.status('failure', describeRollout.position(0, run.total, 0, message));
  run.note(message, 'warning');
  return { report: run.report('failed', code, message) };
}

/** Runs `rollback-command` to stop the canary, with the rollback policy's attempts; a failure is logged, not thrown. */
async function stopCanary(run: RolloutRun): Promise<void> {
  const command = run.request.rollbackCommand;
  if (!command) return;
  const attempts = run.request.policy.rollback['max-attempts'];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if ((await run.runCommand('rollback-command', command)).ok) return;
    if (attempt < attempts) await run.deps.clock.sleep(run.request.policy.rollback['retry-delay']);
  }
  run.note(`The canary could not be stopped after ${attempts} attempt(s); it gets no traffic, but stop it by hand`, 'warning');
}

/** An unexpected error mid-rollout: traffic back on stable first, the canary stopped, the record closed with `error`, then the error goes on. */
async function crash(run: RolloutRun, error: unknown): Promise<never> {
  const message = error instanceof Error ? error.message : String(error);
  if (run.firstTrafficAt !== undefined) await restoreTraffic(run);
  await stopCanary(run).catch(() => undefined);
  await run.status('error', describeRollout.position(run.stages.at(-1)?.stage ?? 0, run.total, 0, `stopped by an error: ${message}`)).catch((closeError: unknown) => {
    run.deps.log.warning(`Could not mark deployment #${run.deployment?.id} error: ${String(closeError)}`);
  });
  throw error;
}

async function restoreTraffic(run: RolloutRun): Promise<{ ok: boolean; detail: string; at: number }> {
  const restored = await restoreStable(run.deps.router, { timeoutSeconds: run.request.policy.canary['weight-timeout'], clock: run.deps.clock, log: run.deps.log });
  run.note(restored.ok ? `Traffic: all back on stable (${restored.detail})` : `Traffic could NOT be put back on stable: ${restored.detail}`, restored.ok ? 'info' : 'warning');
  return { ...restored, at: run.deps.clock.now().getTime() };
}

function secondsToRestore(run: RolloutRun, at: number): Partial<RolloutReport> {
  return run.firstTrafficAt === undefined ? {} : { secondsToRestore: (at - run.firstTrafficAt) / 1000 };
}

/** One check of the stable track before anything changes: the baseline stored with the deployment (seed 003). */
async function captureStableBaseline(run: RolloutRun): Promise<Baseline | undefined> {
  const { deps, request } = run;
  if (deps.providers.length === 0) return undefined;
  // Five check intervals (at most ten minutes) of stable's history: one interval alone may hold too few requests.
  const windowSeconds = Math.min(600, 5 * (request.windowSeconds ?? request.policy.canary['check-interval']));
  const check = await readHealthCheck(deps.providers, ['stable'], { windowSeconds, environment: request.environment }, deps.clock);
  const baseline = captureBaseline([check], 'stable');
  run.note(baseline && Object.keys(baseline.metrics).length ? `Baseline of stable: ${Object.entries(baseline.metrics).map(([k, v]) => `${k} ${Number(v.toPrecision(3))}`).join(', ')}` : 'No baseline: stable reported no values yet');
  return baseline && Object.keys(baseline.metrics).length ? baseline : undefined;
}
