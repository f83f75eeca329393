import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, parsePolicy, type Log, type Policy } from '@safe-deploy/core';

/** Reads and validates the policy file; a missing file means the defaults, any error stops the action. */
export async function readPolicyFile(file: string, workspace: string, log: Log): Promise<Policy> {
  const absolute = path.resolve(workspace, file);
  let text: string | undefined;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    log.info(`No policy file at ${file}; using the defaults.`);
  }
  const { policy, errors, warnings } = parsePolicy(text, file);
  for (const warning of warnings) log.warning(`${warning.location} ${warning.message}`);
  if (!policy) {
    const lines = errors.map((e) => `${e.location} ${e.path ? `${e.path}: ` : ''}${e.message}. ${e.fix}`);
    throw new ConfigurationError(`policy file ${file}`, `${errors.length} problem(s):\n${lines.join('\n')}\n`, `correct the policy file (or the 'policy-file' input if it points at the wrong file).`);
  }
  return policy;
}
