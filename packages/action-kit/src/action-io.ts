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
  /** An annotation on a file and line (GitHub shows at most 10 of each level per step). */
  annotate(level: 'error' | 'warning' | 'notice', message: string, where: { title?: string; file?: string; line?: number; column?: number }): void;
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
    annotate: (level, message, where) => {
      const properties = { ...(where.title ? { title: where.title } : {}), ...(where.file ? { file: where.file } : {}), ...(where.line ? { startLine: where.line } : {}), ...(where.column ? { startColumn: where.column } : {}) };
      if (level === 'error') core.error(message, properties);
      else if (level === 'warning') core.warning(message, properties);
      else core.notice(message, properties);
    },
    writeSummary: async (markdown) => {
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
  };
}
