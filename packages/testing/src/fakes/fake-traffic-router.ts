import { ExternalError, type TrafficReading, type TrafficRouter } from '@safe-deploy/core';

/**
 * A TrafficRouter in memory: records every weight it was set to, serves it back, and can be told to fail from the
 * n-th `setWeight` call on (a traffic command failing mid-rollout) or to serve a stale weight (a reload that did
 * not take).
 */
export class FakeTrafficRouter implements TrafficRouter {
  readonly kind = 'fake';
  /** Every weight set, in order. */
  readonly weights: number[] = [];
  private served = 0;
  private calls = 0;

  constructor(private readonly options: { failFromCall?: number; stuck?: boolean } = {}) {}

  /** The weight the router serves now. */
  get current(): number {
    return this.served;
  }

  describe(): string {
    return 'fake router (in memory)';
  }

  async check(weights: readonly number[]): Promise<void> {
    for (const weight of weights) if (!Number.isFinite(weight) || weight < 0 || weight > 100) throw new RangeError(`a canary weight is a percentage from 0 to 100, not ${weight}`);
  }

  async setWeight(weight: number): Promise<void> {
    // The real routers reject what no stage can ask for; so does the fake, or tests would pass that production fails.
    if (!Number.isFinite(weight) || weight < 0 || weight > 100) throw new RangeError(`a canary weight is a percentage from 0 to 100, not ${weight}`);
    this.calls += 1;
    if (this.options.failFromCall !== undefined && this.calls >= this.options.failFromCall && weight !== 0) {
      // As the command router reports a script that exited non-zero: whether a retry helps is unknown.
      throw new ExternalError('traffic command', `exited with code 1 setting ${weight} %`, { status: 1, retryable: false });
    }
    this.weights.push(weight);
    if (!this.options.stuck) this.served = weight;
  }

  async readWeight(): Promise<TrafficReading> {
    return { weight: this.served, detail: `fake serves ${this.served} %` };
  }
}
