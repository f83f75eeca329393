import * as core from '@actions/core';
import type { Log } from '@safe-deploy/core';

/** Reads one input by its action.yml name; '' when not set. */
export type InputReader = (name: string) => string;

/** Everything an action shell does with the runner, as an interface so entry points stay testable. */
export interface ActionIO extends Log {
  input: InputReader;
  setOutput(name: string, value: string | number): void;
  setSecret(value: string): void;
  writeSummary(markdown: string): Promise<void>;
  setFailed(message: string): void;
  /** Keeps a value for the action's `post:` step (the runner passes it back as STATE_<name>). */
  saveState(name: string, value: string): void;
  /** A value the main step saved; '' when none. */
  getState(name: string): string;
}

/** The runner's implementation, over @actions/core (the only importer of it). */
export function createActionsCoreIO(): ActionIO {
  return {
    input: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, String(value)),
    setSecret: (value) => core.setSecret(value),
    info: (message) => core.info(message),
    warning: (message) => core.warning(message),
    setFailed: (message) => core.setFailed(message),
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => core.getState(name),
    writeSummary: async (markdown) => {
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
  };
}
