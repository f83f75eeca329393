import type { Clock } from '@safe-deploy/core';

/** The real clock. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }

  sleep(seconds: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}
