export { performRollback, restoreCommands, type RollbackRequest, type RollbackDeps } from './rollback/perform-rollback';
export { verifyHealth, verifySettingsFrom, type VerifySettings } from './rollback/verify-health';
export { DeploymentHistory } from './rollback/read-history';
export { readEnvironmentState, type EnvironmentState } from './records/read-environment-state';
export { watchHealth, type WatchRequest, type WatchOutcome } from './watch/watch-health';
export { readHealthCheck } from './watch/read-health-check';
export { progressiveDeploy, type ProgressiveDeployRequest, type ProgressiveDeployDeps, type ProgressiveDeployOutcome } from './deploy/progressive-deploy';
export { applyWeight, restoreStable } from './deploy/apply-weight';
export { readNewestDeployment } from './deploy/read-newest-deployment';
