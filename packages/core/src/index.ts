export { ConfigurationError } from './errors/configuration-error';
export { ExternalError } from './errors/external-error';
export { NoLastKnownGoodError } from './errors/no-last-known-good-error';
export { classifyError, type ClassifiedError } from './errors/classify-error';
export { truncate, shortSha, STATUS_DESCRIPTION_MAX } from './text/truncate';
export { closestMatch } from './text/closest-match';
export { parseDuration, durationSchema } from './policy/duration';
export { policySchema, defaultPolicy, type Policy } from './policy/policy-schema';
export { parsePolicy, type PolicyParseResult, type PolicyProblem } from './policy/parse-policy';
export {
  DEPLOYMENT_STATES,
  DEPLOYMENT_TASKS,
  latestState,
  chronological,
  type DeploymentState,
  type DeploymentRecord,
  type DeploymentHeader,
  type DeploymentStatusRecord,
} from './records/deployment-record';
export {
  PAYLOAD_SCHEMA,
  PAYLOAD_VERSION,
  deploymentPayloadSchema,
  parseDeploymentPayload,
  buildDeploymentPayload,
  type DeploymentPayload,
} from './records/deployment-payload';
export { findLastKnownGood, assessDeployment, type LastKnownGood, type SkippedDeployment } from './records/find-last-known-good';
export { selectRollbackSubject } from './records/select-rollback-subject';
export { assessLock, type LockAssessment } from './records/assess-lock';
export type { DeploymentStore, NewDeployment, NewDeploymentStatus } from './ports/deployment-store';
export type { SourceRepository, CommitSummary } from './ports/source-repository';
export type { IssueTracker, IssueRef } from './ports/issue-tracker';
export type { CommandRunner, CommandResult } from './ports/command-runner';
export type { HealthProbe, ProbeResult } from './ports/health-probe';
export type { Clock } from './ports/clock';
export type { Log } from './ports/log';
export type { TrafficRouter, TrafficReading } from './ports/traffic-router';
export { parseCommandLine, type CommandLine } from './commands/parse-command-line';
export type {
  RollbackPlan,
  RollbackTarget,
  RollbackMode,
  RollbackOutcome,
  RollbackResultKind,
  CommandAttempt,
  VerificationOutcome,
  TimelineEntry,
} from './rollback/rollback-outcome';
export { decideRollbackMode, runsTarget } from './rollback/decide-rollback-mode';
export { describeRollback } from './rollback/describe-rollback';
export { environmentPageUrl, parseRepository, type RepoCoordinates, type RunContext } from './rollback/run-context';
export { renderIncident, renderIncidentComment, incidentMarker, incidentLabels, isEscalation } from './rollback/render-incident';
export { renderRollbackSummary } from './rollback/render-rollback-summary';
export { redactSecrets } from './text/redact-secrets';
export { METRICS, type Measurement, type ValueMeasurement, type ErrorMeasurement, type NoDataMeasurement, type MetricName, type MetricUnit, type Track } from './health/measurement';
export type { MetricsProvider, MetricsQuery } from './ports/metrics-provider';
export { assessHealth } from './health/assess-health';
export { combineReasons, type HealthAssessment, type HealthReason, type HealthVerdict, type ReasonSeverity } from './health/health-assessment';
export { seriesOf, latestOf, within, type HealthCheck } from './health/health-history';
export { baselineSchema, captureBaseline, type Baseline } from './health/baseline';
export type { RuleContext } from './health/rules/rule-context';
export { renderHealthSummary, renderMetricChart, buildEvidence, type HealthReport } from './health/render-health-summary';
export { decideHealthAction, type HealthAction } from './health/decide-health-action';
export { assessObservationWindow, describeObservation, describeHardened, recordObservation, whyNothingToObserve, type ObservationState } from './health/observation-window';
export { METRIC_UNITS, unitOf, type CanonicalMetric } from './health/metric-units';
export {
  judgeErrorRate,
  judgeLatency,
  estimateDispersion,
  waldSprt,
  mannWhitneyU,
  DEFAULT_ERROR_RATE_SETTINGS,
  DEFAULT_LATENCY_SETTINGS,
  type MetricJudgement,
  type MetricDecision,
  type ErrorRateSettings,
  type LatencySettings,
  type HistogramBucket,
  readLatencyHistogram,
} from './analysis';
export { formatNumber } from './health/rules/format';
export { assessInterruptedRollout, describeRollout, latestRolloutPosition, parseRolloutPosition, parseControlRequest, type RolloutPosition, type ControlRequest } from './rollout/rollout-status';
export { measureCanarySuccessRate, type SuccessRate } from './rollout/canary-success-rate';
export { decideRolloutCheck, type RolloutDecision, type RolloutCheck } from './rollout/decide-rollout-check';
export { assessRolloutStart, type RolloutOperation, type RolloutStart } from './rollout/assess-rollout-start';
export type { RolloutReport, RolloutResult, StageRecord } from './rollout/rollout-report';
export { renderRolloutSummary, renderComparisonChart } from './rollout/render-rollout-summary';
export { renderRolloutIncident, NEEDS_DECISION_LABEL } from './rollout/render-rollout-incident';
export { renderSarif, type SarifLog } from './security/sarif/render-sarif';
export { atOrAbove, SCAN_SEVERITIES, type ScanCategory, type ScanFinding, type ScanRule, type ScanSeverity } from './security/sarif/scan-finding';
export { parseLockfile, isLockfilePath } from './security/dependencies/parse-lockfile';
export type { Dependency } from './security/dependencies/dependency';
export { matchAdvisories, type VulnerabilityFinding } from './security/dependencies/match-advisories';
export { compareVersions } from './security/dependencies/compare-versions';
export { osvAdvisorySchema, type OsvAdvisory } from './security/dependencies/osv-advisory';
export { cvssBaseScore } from './security/dependencies/cvss-base-score';
export { scanSecrets, type SecretFinding, type ScanSecretsOptions } from './security/secrets/scan-secrets';
export { SECRET_RULES, type SecretRule, type SecretSeverity } from './security/secrets/rules';
export { compileUserRules, type UserSecretRule } from './security/secrets/compile-user-rules';
export type { SecretAllowlist } from './security/secrets/compile-allowlist';
export { crc32 } from './security/secrets/crc32';
export { sha256 } from './text/sha256';
export { scanPatterns } from './security/patterns/scan-patterns';
export { PATTERN_RULES, type PatternRule } from './security/patterns/pattern-rules';
export { detectLanguage, type SourceLanguage } from './security/patterns/source-language';
export { parseAddedLines } from './security/diff/parse-added-lines';
export { parseAddedText, parseCommitPatches, type AddedLine, type CommitPatch } from './security/diff/parse-added-text';
export { unquoteGitPath } from './security/diff/unquote-git-path';
export type { ScanSource, ScannedFile, ChangedFile } from './ports/scan-source';
export type { AdvisorySource, AdvisoryLookup } from './ports/advisory-source';
export { SUITE_VERSION } from './suite-version';
export { parseScanBaseline, renderScanBaseline, SCAN_BASELINE_SCHEMA, type ScanBaseline } from './security/report/scan-baseline';
export { assessScan, type ScanFailOn, type ScanProblem, type ScanCounts, type ScanReason, type ScanVerdict } from './security/report/assess-scan';
export { planScanAnnotations, ANNOTATIONS_PER_TYPE, type ScanAnnotation } from './security/report/plan-scan-annotations';
export type { ScanOutcome, ScanCoverage, ScanSkippedFile } from './security/report/scan-outcome';
export { renderScanSummary } from './security/report/render-scan-summary';
export { renderScanReport, renderScanVerdict, SCAN_REPORT_SCHEMA } from './security/report/render-scan-report';
export { secretToScanFinding, vulnerabilityToScanFinding, advisoryRule } from './security/report/to-scan-finding';
export { npmAdvisoryToOsv, type NpmBulkAdvisory } from './security/dependencies/npm-advisory-to-osv';
export { assessTargetSecurity } from './rollback/assess-target-security';
export { scanInputFlows } from './security/flow/scan-input-flows';
export { FLOW_RULES } from './security/flow/flow-rules';
export type { FlowLanguage } from './security/flow/flow-language-spec';
export type { SyntaxNode } from './security/flow/syntax-node';
export { mayHaveInputFlows } from './security/flow/may-have-input-flows';
export { isOutsideFlowScope, FLOW_MAX_BYTES } from './security/flow/assess-flow-scope';
