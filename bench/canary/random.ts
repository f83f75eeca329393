// A seeded, deterministic random source for the canary bench: xoshiro128** (Blackman and Vigna) seeded through
// splitmix32, with the samplers the traces need. Exact samplers throughout: inversion for small means,
// Hörmann's transformed rejection (BTRS for the binomial, PTRS for the Poisson) for large ones.

/** The samplers a simulated rollout draws from. */
export interface Random {
  uniform(): number;
  normal(): number;
  gamma(shape: number): number;
  poisson(mean: number): number;
  binomial(n: number, p: number): number;
  /** Failures before the first success of Bernoulli(p) trials. */
  geometric(p: number): number;
}

/** A Random seeded from a 32-bit integer; the same seed gives the same draws on every machine. */
export function createRandom(seed: number): Random {
  let x = seed >>> 0;
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  // 53 random bits in (0, 1): never exactly 0, so logs are safe.
  const uniform = (): number => ((next() >>> 5) * 67108864 + (next() >>> 6) + 0.5) / 9007199254740992;
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    let u: number;
    let v: number;
    let r: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      r = u * u + v * v;
    } while (r >= 1 || r === 0);
    const k = Math.sqrt((-2 * Math.log(r)) / r);
    spare = v * k;
    return u * k;
  };
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let z: number;
      let v: number;
      do {
        z = normal();
        v = 1 + c * z;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (u < 1 - 0.0331 * z ** 4 || Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  const poisson = (mean: number): number => {
    if (mean <= 0) return 0;
    if (mean < 30) {
      let k = 0;
      let p = Math.exp(-mean);
      let sum = p;
      const u = uniform();
      while (u > sum && k < 1000) {
        k += 1;
        p *= mean / k;
        sum += p;
      }
      return k;
    }
    const slam = Math.sqrt(mean);
    const loglam = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = uniform() - 0.5;
      const v = uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k)) return k;
    }
  };
  const binomial = (n: number, p: number): number => {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - binomial(n, 1 - p);
    if (n * p < 15) {
      const q = 1 - p;
      const s = p / q;
      const a = (n + 1) * s;
      let r = Math.exp(n * Math.log1p(-p));
      let u = uniform();
      let k = 0;
      while (u > r && k < n) {
        u -= r;
        k += 1;
        r *= a / k - s;
      }
      return k;
    }
    return btrs(n, p, uniform);
  };
  const geometric = (p: number): number => (p >= 1 ? 0 : Math.floor(Math.log(uniform()) / Math.log1p(-p)));
  return { uniform, normal, gamma, poisson, binomial, geometric };
}

function rotl(v: number, k: number): number {
  return ((v << k) | (v >>> (32 - k))) >>> 0;
}

// Hörmann (1993), "The generation of binomial random variates", algorithm BTRS, for n·p ≥ 10 and p ≤ 0.5.
function btrs(n: number, p: number, uniform: () => number): number {
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const r = p / (1 - p);
  const alpha = (2.83 + 5.1 / b) * spq;
  const m = Math.floor((n + 1) * p);
  for (;;) {
    const u = uniform() - 0.5;
    let v = uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    const bound =
      (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1))) +
      (n + 1) * Math.log((n - m + 1) / (n - k + 1)) +
      (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1)) +
      stirlingTail(m) +
      stirlingTail(n - m) -
      stirlingTail(k) -
      stirlingTail(n - k);
    if (v <= bound) return k;
  }
}

const STIRLING_TAILS = [
  0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211,
  0.0138761288230707, 0.0118967099458917, 0.010411265261972, 0.00925546218271273, 0.00833056343336287,
];

// log(k!) − [(k + ½)·log(k + 1) − (k + 1) + ½·log(2π)], the error of Stirling's formula for k!.
function stirlingTail(k: number): number {
  if (k <= 9) return STIRLING_TAILS[k] ?? 0;
  const kp1sq = (k + 1) * (k + 1);
  return (1 / 12 - (1 / 360 - 1 / 1260 / kp1sq) / kp1sq) / (k + 1);
}

function logFactorial(k: number): number {
  if (k < 2) return 0;
  return (k + 0.5) * Math.log(k + 1) - (k + 1) + 0.5 * Math.log(2 * Math.PI) + stirlingTail(k);
}
