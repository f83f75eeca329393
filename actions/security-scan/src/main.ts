import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createActionsCoreIO, readRunnerEnvironment, runAction } from '@safe-deploy/action-kit';
import { createSecurityScanDeps, readPolicyFile } from '@safe-deploy/adapters';
import { resolveScanScope } from './resolve-scan-scope';
import { runSecurityScanAction } from './run';
import { readSecurityScanInputs } from './security-scan-inputs';

const io = createActionsCoreIO();
await runAction(io, async () => {
  const runner = readRunnerEnvironment(process.env);
  const inputs = readSecurityScanInputs(io.input);
  const policy = await readPolicyFile(inputs.policyFile, runner.workspace, io);
  const scope = resolveScanScope(inputs, runner.event, runner.context.event);
  const deps = await createSecurityScanDeps({
    workspace: runner.workspace,
    root: path.resolve(runner.workspace, inputs.workingDirectory),
    maxFileBytes: inputs.maxFileBytes,
    advisories: inputs.advisories,
    inputFlows: inputs.parts.has('input-flow'),
    // The bundle ships the parser (web-tree-sitter's module, its WebAssembly and the grammars) beside it: scripts/build.mjs.
    wasmDirectory: path.join(path.dirname(fileURLToPath(import.meta.url)), 'tree-sitter'),
    log: io,
  });
  await runSecurityScanAction(inputs, policy, scope, deps, io);
});
