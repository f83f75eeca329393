/** The languages the pattern rules understand. */
export type SourceLanguage = 'js' | 'python' | 'go' | 'shell' | 'sql' | 'dockerfile' | 'workflow';

/** The language of a file from its path (and first line, for shell scripts without an extension); undefined when none applies. */
export function detectLanguage(path: string, firstLine = ''): SourceLanguage | undefined {
  const name = path.split('/').at(-1) ?? path;
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return 'workflow';
  // A composite action's `runs.steps[*].run` are scripts like a workflow's; other actions' metadata has no `run:`.
  if (/^action\.ya?ml$/.test(name)) return 'workflow';
  if (/^(Dockerfile|Containerfile)(\..+)?$/.test(name) || /\.dockerfile$/i.test(name)) return 'dockerfile';
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  switch (extension) {
    case 'js':
    case 'mjs':
    case 'cjs':
    case 'jsx':
    case 'ts':
    case 'mts':
    case 'cts':
    case 'tsx':
      return 'js';
    case 'py':
      return 'python';
    case 'go':
      return 'go';
    case 'sh':
    case 'bash':
      return 'shell';
    case 'sql':
      return 'sql';
    default:
      return /^#!.*\b(ba|z|da)?sh\b/.test(firstLine) ? 'shell' : undefined;
  }
}
