import type { Ecosystem } from './dependency';

type Key = (number | string)[];

interface SemVer {
  core: [number, number, number];
  prerelease: string[];
}

/** SemVer 2.0; a leading `v` (Go) and build metadata (`+incompatible`) are accepted and ignored. */
function parseSemver(version: string): SemVer | undefined {
  const match = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/.exec(version.trim());
  if (!match) return undefined;
  return { core: [Number(match[1]), Number(match[2]), Number(match[3])], prerelease: match[4] ? match[4].split('.') : [] };
}

function compareSemver(a: SemVer, b: SemVer): number {
  for (let i = 0; i < 3; i++) if (a.core[i] !== b.core[i]) return Math.sign((a.core[i] ?? 0) - (b.core[i] ?? 0));
  // A release sorts after its prereleases; Go pseudo-versions are prereleases, so this orders them too.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return Math.sign(b.prerelease.length - a.prerelease.length);
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    if (xNumeric && yNumeric) return Math.sign(Number(x) - Number(y));
    if (xNumeric !== yNumeric) return xNumeric ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

const PEP440 =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;

const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

/**
 * A sort key per PEP 440 (as `packaging` builds it): epoch, release without trailing zeros,
 * pre-release (a dev-only release sorts before any pre-release), post-release, dev-release, local.
 */
function pep440Key(version: string): Key[] | undefined {
  const m = PEP440.exec(version.trim());
  if (!m) return undefined;
  const [, epoch, release = '', preLetter, preNumber, postImplicit, postLetter, postNumber, dev, devNumber, local] = m;
  const parts = release.split('.').map(Number);
  while (parts.length > 1 && parts[parts.length - 1] === 0) parts.pop();
  const hasPost = postImplicit !== undefined || postLetter !== undefined;
  const pre: Key = preLetter
    ? [PRE_RANK[preLetter.toLowerCase()] ?? 0, Number(preNumber ?? 0)]
    : dev && !hasPost
      ? [-Infinity]
      : [Infinity];
  const post: Key = hasPost ? [Number(postImplicit ?? postNumber ?? 0)] : [-Infinity];
  const devKey: Key = dev ? [Number(devNumber ?? 0)] : [Infinity];
  // Local segments: numbers sort above strings; a version without one sorts below any with one.
  const localKey: Key = local ? local.toLowerCase().split(/[-_.]/).flatMap((s) => (/^\d+$/.test(s) ? [1, Number(s)] : [0, s])) : [-Infinity];
  return [[Number(epoch ?? 0)], parts, pre, post, devKey, localKey];
}

function compareKeys(a: Key, b: Key, padWithZero: boolean): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? (padWithZero ? 0 : -Infinity);
    const y = b[i] ?? (padWithZero ? 0 : -Infinity);
    if (x === y) continue;
    if (typeof x === typeof y) return x < y ? -1 : 1;
    return typeof x === 'number' ? 1 : -1;
  }
  return 0;
}

function comparePep440(a: Key[], b: Key[]): number {
  for (let i = 0; i < a.length; i++) {
    // The release is compared as if padded with zeros; the local segment list is not.
    const order = compareKeys(a[i] ?? [], b[i] ?? [], i === 1);
    if (order !== 0) return order;
  }
  return 0;
}

/** Whether `version` is a version `compareVersions` can order for the ecosystem. */
export function isComparableVersion(ecosystem: Ecosystem, version: string): boolean {
  return ecosystem === 'PyPI' ? pep440Key(version) !== undefined : parseSemver(version) !== undefined;
}

/**
 * Orders two versions of one ecosystem: negative, zero or positive like a sort comparator.
 * SemVer 2.0 for npm, crates.io and Go; PEP 440 for PyPI. Versions that do not parse sort
 * below those that do, and among themselves as plain strings, so sorting never throws.
 */
export function compareVersions(ecosystem: Ecosystem, a: string, b: string): number {
  if (ecosystem === 'PyPI') {
    const x = pep440Key(a);
    const y = pep440Key(b);
    if (x && y) return comparePep440(x, y);
    return fallback(x !== undefined, y !== undefined, a, b);
  }
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (x && y) return compareSemver(x, y);
  return fallback(x !== undefined, y !== undefined, a, b);
}

function fallback(aValid: boolean, bValid: boolean, a: string, b: string): number {
  if (aValid !== bValid) return aValid ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
