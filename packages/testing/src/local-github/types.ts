import type { Fault } from './server/fault-queue';
import type { LocalGitHubSeed } from './seed/seed-schema';
import type { LocalGitHubState } from './store/records';

/** A request or response that GitHub's OpenAPI description rejects, or a route it does not have. */
export interface OpenApiViolation {
  kind: 'request' | 'response' | 'unknown-route';
  method: string;
  /** Path and query as requested. */
  path: string;
  status?: number;
  errors: string[];
}

/** One API request the server answered (control endpoints under /_local are not logged). */
export interface RequestLogEntry {
  method: string;
  /** Path and query as requested. */
  path: string;
  status: number;
  at: string;
}

/** How to start the local GitHub. */
export interface LocalGitHubOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  seed?: LocalGitHubSeed;
  /** The clock for every timestamp and rate-limit window; default real time. */
  now?: () => Date;
  /** Requests per hour per token; default 1000, like GITHUB_TOKEN. */
  rateLimit?: number;
  /** When given, only these tokens are accepted (401 "Bad credentials" otherwise). */
  tokens?: string[];
}

/** A running local GitHub. */
export interface LocalGitHub {
  /** e.g. http://127.0.0.1:41234 — what GITHUB_API_URL / Octokit's baseUrl is set to. */
  url: string;
  close(): Promise<void>;
  /** A JSON-serialisable copy of everything stored. */
  state(): LocalGitHubState;
  violations(): OpenApiViolation[];
  requests(): RequestLogEntry[];
  /** Clears requests() and violations(). */
  resetLog(): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** Adds seeded data at runtime (existing repositories are extended). */
  seed(seed: LocalGitHubSeed): void;
}
