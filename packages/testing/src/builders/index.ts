export { aDeployment, rollbackPayload, sha } from './deployment-builder';
export { FakeClock } from './fake-clock';
