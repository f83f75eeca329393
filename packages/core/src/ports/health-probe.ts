/** One HTTP probe of a health endpoint. */
export interface ProbeResult {
  at: string;
  status?: number;
  latencyMs: number;
  /** Set when no HTTP answer came back (refused, timed out, DNS). */
  error?: string;
  /** The body, cut to a few hundred characters, for evidence. */
  body?: string;
}

/** Probes a URL once. */
export interface HealthProbe {
  probe(url: string, timeoutSeconds: number): Promise<ProbeResult>;
}
