import { z } from 'zod';

const filters = {
  /** HTTP method to match, any case; all methods when omitted. */
  method: z.string().optional(),
  /** A regular expression source matched against the URL path (without query). */
  path: z.string().optional(),
  /** How many matching requests the fault answers; default 1. */
  times: z.number().int().positive().optional(),
};

/** A fault to inject: a status (e.g. 500, 502, 503), a secondary rate limit, or a delay. */
export const FaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...filters, kind: z.literal('status'), status: z.number().int().min(400).max(599) }),
  z.strictObject({ ...filters, kind: z.literal('secondary-rate-limit'), retryAfter: z.number().int().nonnegative() }),
  z.strictObject({ ...filters, kind: z.literal('delay'), ms: z.number().int().nonnegative() }),
]);

/** A fault as callers write it. */
export type Fault = z.input<typeof FaultSchema>;

/** Parses a fault, naming the bad field and the accepted shapes when it is wrong. */
export function parseFault(input: unknown): Fault {
  const result = FaultSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(fault)'}: ${issue.message}`).join('; ');
  throw new Error(`Invalid fault (${problems}). Use { kind: 'status', status } | { kind: 'secondary-rate-limit', retryAfter } | { kind: 'delay', ms }, optionally with method, path (regex) and times.`);
}

interface ArmedFault {
  fault: Fault;
  pattern: RegExp | undefined;
  remaining: number;
}

/** Injected faults, consumed one per matching request in the order they were added. */
export class FaultQueue {
  private armed: ArmedFault[] = [];

  /** Arms a fault (validated; an invalid regex or shape throws with the fix). */
  add(input: unknown): void {
    const fault = parseFault(input);
    let pattern: RegExp | undefined;
    try {
      pattern = fault.path === undefined ? undefined : new RegExp(fault.path);
    } catch (error) {
      throw new Error(`Invalid fault path regex ${JSON.stringify(fault.path)}: ${(error as Error).message}`);
    }
    this.armed.push({ fault, pattern, remaining: fault.times ?? 1 });
  }

  /** Disarms every fault. */
  clear(): void {
    this.armed = [];
  }

  /** Takes (consumes one use of) the first fault of an accepted kind matching the request, if any. */
  take(method: string, path: string, accepts: (kind: Fault['kind']) => boolean = () => true): Fault | undefined {
    const entry = this.armed.find((candidate) =>
      accepts(candidate.fault.kind)
      && (candidate.fault.method === undefined || candidate.fault.method.toUpperCase() === method.toUpperCase())
      && (candidate.pattern === undefined || candidate.pattern.test(path)));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.armed = this.armed.filter((candidate) => candidate !== entry);
    return entry.fault;
  }
}
