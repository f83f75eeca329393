import type { Clock } from '@safe-deploy/core';

/** A clock that only moves when slept on, so long waits run instantly in tests. */
export class FakeClock implements Clock {
  private current: number;

  constructor(start: string | Date = '2026-01-01T00:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  async sleep(seconds: number): Promise<void> {
    this.current += seconds * 1000;
  }
}
