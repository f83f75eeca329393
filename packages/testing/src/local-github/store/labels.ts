import { notFound, validationFailed } from '../github-api-error';
import type { LabelRecord, RepositoryRecord } from './records';
import { nextId, nodeId, type StoreContext } from './store-state';

/** The body of POST /repos/{owner}/{repo}/labels. */
export interface LabelInput {
  name: string;
  color?: string;
  description?: string;
}

/** GitHub's colour for labels created without one (the grey of auto-created labels). */
const DEFAULT_COLOR = 'ededed';

/** Finds a label by name, case-insensitively as GitHub does. */
export function findLabel(repo: RepositoryRecord, name: string): LabelRecord | undefined {
  return repo.labels.find((label) => label.name.toLowerCase() === name.toLowerCase());
}

/** The label, or 404. */
export function requireLabel(repo: RepositoryRecord, name: string): LabelRecord {
  const label = findLabel(repo, name);
  if (!label) throw notFound();
  return label;
}

/** Creates a label; a name that exists in any letter case is GitHub's 422 `already_exists`. */
export function createLabel(ctx: StoreContext, repo: RepositoryRecord, input: LabelInput): LabelRecord {
  if (findLabel(repo, input.name)) throw validationFailed({ resource: 'Label', code: 'already_exists', field: 'name' });
  const id = nextId(ctx.state, 'label');
  const label: LabelRecord = {
    id,
    node_id: nodeId('Label', id),
    name: input.name,
    color: (input.color ?? DEFAULT_COLOR).replace(/^#/, ''),
    description: input.description ?? null,
    default: false,
  };
  repo.labels.push(label);
  return label;
}

/** The existing label with this name, or a new one as GitHub auto-creates for issues. */
export function ensureLabel(ctx: StoreContext, repo: RepositoryRecord, name: string): LabelRecord {
  return findLabel(repo, name) ?? createLabel(ctx, repo, { name });
}
