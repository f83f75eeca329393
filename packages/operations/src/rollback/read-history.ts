import { ConfigurationError, findLastKnownGood, type DeploymentRecord, type DeploymentStore, type LastKnownGood } from '@safe-deploy/core';

const PAGE_SIZE = 20;

/** An environment's deployments read newest first, one page at a time, only as far as a question needs. */
export class DeploymentHistory {
  readonly deployments: DeploymentRecord[] = [];
  private page = 0;
  private exhausted = false;

  constructor(
    private readonly store: DeploymentStore,
    readonly environment: string,
    private readonly limit: number,
  ) {}

  /** Whether every deployment up to the limit has been read. */
  get complete(): boolean {
    return this.exhausted || this.deployments.length >= this.limit;
  }

  /** Reads the next page; false when there is nothing more to read. */
  async readMore(): Promise<boolean> {
    if (this.complete) return false;
    this.page += 1;
    const { deployments, hasMore } = await this.store.listDeployments(this.environment, this.page, PAGE_SIZE);
    this.deployments.push(...deployments.slice(0, this.limit - this.deployments.length));
    if (!hasMore) this.exhausted = true;
    return deployments.length > 0;
  }

  /** Reads the first page and fails with the known environments when this one has no deployments at all. */
  async readFirstPage(): Promise<void> {
    await this.readMore();
    if (this.deployments.length > 0) return;
    const known = await this.store.listEnvironments();
    throw new ConfigurationError(
      `input 'environment'`,
      `the environment '${this.environment}' has no deployments in this repository, so there is nothing to roll back.`,
      known.length
        ? `Use one of the environments that have deployments: ${known.map((k) => `'${k}'`).join(', ')}.`
        : 'Deploy to the environment first (this repository has no deployments yet), or check the repository the token points at.',
    );
  }

  /** Finds a deployment by id, reading further pages until it shows up. */
  async findById(id: number): Promise<DeploymentRecord | undefined> {
    for (;;) {
      const found = this.deployments.find((d) => d.id === id);
      if (found || !(await this.readMore())) return found;
    }
  }

  /** Finds the newest deployment of a sha (or short sha), reading further pages as needed. */
  async findBySha(prefix: string): Promise<DeploymentRecord | undefined> {
    for (;;) {
      const found = this.deployments.find((d) => d.sha.startsWith(prefix.toLowerCase()));
      if (found || !(await this.readMore())) return found;
    }
  }

  /** The last known good deployment before `subject`, reading further pages only while the answer is open. */
  async lastKnownGood(subject: DeploymentRecord | undefined): Promise<LastKnownGood> {
    for (;;) {
      const answer = findLastKnownGood(this.deployments, subject, this.complete);
      if (answer.kind !== 'need-more') return answer;
      if (!(await this.readMore())) return findLastKnownGood(this.deployments, subject, true);
    }
  }
}
