export { createActionsCoreIO, type ActionIO, type InputReader } from './action-io';
export { parseBaselineInput, parseBooleanInput, parseIntegerInput, parseDurationInput, parseUrlInput, requireInput } from './parse-inputs';
export { readRunnerEnvironment, type RunnerEnvironment } from './read-run-context';
export { runAction } from './run-action';
