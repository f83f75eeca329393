import type { RateSnapshot } from '../routes/route-types';

interface Window {
  used: number;
  reset: number;
}

const HOUR_SECONDS = 3600;

/** GitHub's primary rate limit: `limit` requests per token per hour-long window. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly limit: number, private readonly now: () => Date) {}

  private window(key: string): Window {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    let window = this.windows.get(key);
    if (!window || nowSeconds >= window.reset) {
      window = { used: 0, reset: nowSeconds + HOUR_SECONDS };
      this.windows.set(key, window);
    }
    return window;
  }

  private snapshot(window: Window): RateSnapshot {
    return { limit: this.limit, remaining: Math.max(this.limit - window.used, 0), reset: window.reset, used: window.used };
  }

  /** The window as it stands, without counting a request. */
  peek(key: string): RateSnapshot {
    return this.snapshot(this.window(key));
  }

  /** Counts a request; `allowed` is false once the window is used up (the request is not counted). */
  consume(key: string): { allowed: boolean; rate: RateSnapshot } {
    const window = this.window(key);
    if (window.used >= this.limit) return { allowed: false, rate: this.snapshot(window) };
    window.used += 1;
    return { allowed: true, rate: this.snapshot(window) };
  }
}

/** The x-ratelimit-* headers GitHub sends on every response. */
export function rateLimitHeaders(rate: RateSnapshot): Record<string, string> {
  return {
    'x-ratelimit-limit': String(rate.limit),
    'x-ratelimit-remaining': String(rate.remaining),
    'x-ratelimit-reset': String(rate.reset),
    'x-ratelimit-used': String(rate.used),
    'x-ratelimit-resource': 'core',
  };
}
