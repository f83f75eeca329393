import type { Clock } from '@safe-deploy/core';

/** A clock that moves only when told or slept on, and remembers every sleep (to check backoff). */
export class ManualClock implements Clock {
  readonly sleeps: number[] = [];
  private current: number;

  constructor(start = '2026-01-01T12:00:00Z') {
    this.current = Date.parse(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  async sleep(seconds: number): Promise<void> {
    this.sleeps.push(seconds);
    this.current += seconds * 1000;
  }

  advance(seconds: number): void {
    this.current += seconds * 1000;
  }
}
