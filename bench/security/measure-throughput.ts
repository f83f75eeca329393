// Throughput of scanners over files already in memory: a warm-up pass each, then interleaved timed passes, one thread.

/** A file as the scanners see it. */
export interface TreeFile {
  readonly path: string;
  readonly text: string;
  readonly bytes: number;
}

/** One scanner under test: how to scan a file and how many findings it made. */
export interface ThroughputEngine {
  readonly name: string;
  scan(file: TreeFile): number | Promise<number>;
}

/** The figures for one scanner. */
export interface ThroughputResult {
  readonly name: string;
  readonly runsSeconds: readonly number[];
  readonly medianSeconds: number;
  readonly mibPerSecond: number;
  readonly filesPerSecond: number;
  readonly findings: number;
  /** The process's peak RSS after this scanner's warm-up pass (cumulative: the files and earlier scanners' warm-ups included). */
  readonly peakRssMiB: number;
  /** The slowest files of the last run, for where the time goes. */
  readonly slowest: readonly { path: string; bytes: number; ms: number }[];
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const peakRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

async function pass(files: readonly TreeFile[], engine: ThroughputEngine) {
  const perFile: { path: string; bytes: number; ms: number }[] = [];
  let findings = 0;
  const started = performance.now();
  for (const file of files) {
    const t = performance.now();
    findings += await engine.scan(file);
    perFile.push({ path: file.path, bytes: file.bytes, ms: performance.now() - t });
  }
  return { seconds: (performance.now() - started) / 1000, findings, slowest: perFile.sort((a, b) => b.ms - a.ms).slice(0, 5) };
}

/**
 * Runs every engine over all files: one warm-up pass each, in order (the peak RSS is read after each), then `runs`
 * rounds of one timed pass per engine, interleaved, so load from other processes on a shared machine falls on every
 * engine alike; the median pass gives the rates.
 */
export async function measureThroughput(files: readonly TreeFile[], engines: readonly ThroughputEngine[], runs: number, progress: (line: string) => void): Promise<ThroughputResult[]> {
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const state = [];
  for (const engine of engines) {
    const warm = await pass(files, engine);
    progress(`${engine.name}: warm-up ${warm.seconds.toFixed(1)} s`);
    state.push({ engine, runsSeconds: [] as number[], findings: warm.findings, slowest: warm.slowest, peakRssMiB: peakRssMiB() });
  }
  for (let run = 1; run <= runs; run++) {
    for (const s of state) {
      const timed = await pass(files, s.engine);
      progress(`${s.engine.name}: run ${run}/${runs} ${timed.seconds.toFixed(1)} s`);
      s.runsSeconds.push(timed.seconds);
      s.findings = timed.findings;
      s.slowest = timed.slowest;
    }
  }
  return state.map((s) => {
    const medianSeconds = median(s.runsSeconds);
    return {
      name: s.engine.name,
      runsSeconds: s.runsSeconds,
      medianSeconds,
      mibPerSecond: bytes / 2 ** 20 / medianSeconds,
      filesPerSecond: files.length / medianSeconds,
      findings: s.findings,
      peakRssMiB: s.peakRssMiB,
      slowest: s.slowest,
    };
  });
}
