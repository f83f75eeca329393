import { describe, expect, it } from '@jest/globals';
import { compareVersions, isComparableVersion } from './compare-versions';

describe('compareVersions', () => {
  // Each row: a < b.
  it.each([
    ['npm', '1.0.0', '2.0.0'],
    ['npm', '1.2.3', '1.10.0'],
    ['npm', '1.0.0-alpha', '1.0.0'],
    // The SemVer 2.0 §11 example chain.
    ['npm', '1.0.0-alpha', '1.0.0-alpha.1'],
    ['npm', '1.0.0-alpha.1', '1.0.0-alpha.beta'],
    ['npm', '1.0.0-alpha.beta', '1.0.0-beta'],
    ['npm', '1.0.0-beta', '1.0.0-beta.2'],
    ['npm', '1.0.0-beta.2', '1.0.0-beta.11'],
    ['npm', '1.0.0-beta.11', '1.0.0-rc.1'],
    ['npm', '1.0.0-rc.1', '1.0.0'],
    ['crates.io', '0.9.9', '0.10.0'],
    ['Go', 'v1.2.3', '1.2.4'],
    ['Go', 'v0.0.0-20191109021931-daa7c04131f5', 'v0.0.0-20200101000000-aaaaaaaaaaaa'],
    ['Go', 'v0.0.0-20191109021931-daa7c04131f5', '0.0.1'],
    ['Go', 'v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.4'],
    ['Go', 'v1.2.3', 'v1.2.4-0.20191109021931-daa7c04131f5'],
    ['Go', 'v2.0.0+incompatible', 'v2.0.1'],
    ['PyPI', '1.0', '1.1'],
    ['PyPI', '1.9', '1.10'],
    ['PyPI', '1.0.dev0', '1.0a1'],
    ['PyPI', '1.0a1', '1.0a2'],
    ['PyPI', '1.0a2', '1.0b1'],
    ['PyPI', '1.0b1', '1.0rc1'],
    ['PyPI', '1.0rc1.dev1', '1.0rc1'],
    ['PyPI', '1.0rc1', '1.0'],
    ['PyPI', '1.0', '1.0.post1.dev0'],
    ['PyPI', '1.0.post1.dev0', '1.0.post1'],
    ['PyPI', '1.0.post1', '1.0.post2'],
    ['PyPI', '1.0', '1.0+local.1'],
    ['PyPI', '1.0+abc', '1.0+5'],
    ['PyPI', '1.0.post2', '1.1.dev0'],
    ['PyPI', '2.0', '1!1.0'],
    ['PyPI', '0.9', '1.0-1'],
    ['npm', 'not-a-version', '0.0.1'],
  ] as const)('%s: %s < %s', (ecosystem, a, b) => {
    expect(compareVersions(ecosystem, a, b)).toBeLessThan(0);
    expect(compareVersions(ecosystem, b, a)).toBeGreaterThan(0);
  });

  it.each([
    ['npm', '1.0.0+build.1', '1.0.0+build.2'],
    ['Go', 'v1.2.3', '1.2.3'],
    ['PyPI', '1.0', '1.0.0'],
    ['PyPI', '1.0RC1', '1.0rc1'],
    ['PyPI', '1.0-alpha-1', '1.0a1'],
    ['PyPI', '1.0.post1', '1.0-1'],
    ['PyPI', '1.0-r1', '1.0.post1'],
    ['PyPI', 'v1.0', '1.0'],
  ] as const)('%s: %s == %s', (ecosystem, a, b) => {
    expect(compareVersions(ecosystem, a, b)).toBe(0);
  });

  it.each([
    ['npm', '1.2', false],
    ['npm', '01.2.3', false],
    ['npm', '1.2.3-rc.1', true],
    ['PyPI', '2024.1', true],
    ['PyPI', 'latest', false],
    ['Go', 'v0.0.0-20191109021931-daa7c04131f5', true],
  ] as const)('%s %s is comparable: %s', (ecosystem, version, expected) => {
    expect(isComparableVersion(ecosystem, version)).toBe(expected);
  });
});
