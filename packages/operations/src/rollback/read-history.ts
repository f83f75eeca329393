import { ConfigurationError, findLastKnownGood, type DeploymentHeader, type DeploymentRecord, type DeploymentStore, type LastKnownGood } from '@safe-deploy/core';

const PAGE_SIZE = 30;
/** Statuses are read a few deployments at a time: one request each, so only as deep as the question needs. */
const STATUS_BATCH = 4;

/** An environment's deployments read newest first, one page at a time, only as far as a question needs. */
export class DeploymentHistory {
  /** Deployments read so far, with their statuses, newest first. */
  readonly deployments: DeploymentRecord[] = [];
  private readonly listed: DeploymentHeader[] = [];
  private page = 0;
  private exhausted = false;

  constructor(
    private readonly store: DeploymentStore,
    readonly environment: string,
    private readonly limit: number,
  ) {}

  /** Whether every deployment up to the limit has been read. */
  get complete(): boolean {
    return this.deployments.length === this.listed.length && (this.exhausted || this.listed.length >= this.limit);
  }

  /** Reads the statuses of the next few listed deployments (listing a page first when needed); false at the end. */
  async readMore(): Promise<boolean> {
    if (this.deployments.length === this.listed.length) {
      if (this.exhausted || this.listed.length >= this.limit) return false;
      this.page += 1;
      const { deployments, hasMore } = await this.store.listDeployments(this.environment, this.page, PAGE_SIZE);
      this.listed.push(...deployments.slice(0, this.limit - this.listed.length));
      if (!hasMore || deployments.length === 0) this.exhausted = true;
      if (deployments.length === 0) return false;
    }
    const batch = this.listed.slice(this.deployments.length, this.deployments.length + STATUS_BATCH);
    const statuses = await Promise.all(batch.map((deployment) => this.store.listStatuses(deployment.id)));
    batch.forEach((deployment, index) => this.deployments.push({ ...deployment, statuses: statuses[index] ?? [] }));
    return true;
  }

  /** Reads the newest deployments and fails with the known environments when this one has none at all. */
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
