import { parseBooleanInput, parseIntegerInput, type InputReader } from '@safe-deploy/action-kit';
import { closestMatch, ConfigurationError, SCAN_SEVERITIES, type ScanFailOn } from '@safe-deploy/core';
import type { AdvisoryInputSpec } from '@safe-deploy/adapters';
import type { ScanPart } from '@safe-deploy/operations';

/** The security scan's inputs, validated; empty optional ones are undefined so the policy applies. */
export interface SecurityScanInputs {
  mode: 'auto' | 'tree' | 'diff' | 'history';
  base: string | undefined;
  head: string | undefined;
  failOn: ScanFailOn | undefined;
  parts: Set<ScanPart>;
  advisories: AdvisoryInputSpec[];
  baseline: string | undefined;
  writeBaseline: string | undefined;
  failOnIncomplete: boolean;
  maxFileBytes: number;
  sarifFile: string;
  reportFile: string;
  workingDirectory: string;
  policyFile: string;
}

const MODES = ['auto', 'tree', 'diff', 'history'] as const;
const PARTS: readonly ScanPart[] = ['secrets', 'patterns', 'input-flow', 'dependencies'];
const ADVISORY_KINDS = ['osv-api', 'osv-dir', 'npm', 'none'] as const;

/** Reads every input action.yml declares, once each, failing with the input's name and the fix. */
export function readSecurityScanInputs(read: InputReader): SecurityScanInputs {
  const mode = read('mode').trim().toLowerCase() || 'auto';
  if (!(MODES as readonly string[]).includes(mode)) throw new ConfigurationError(`input 'mode'`, `'${mode}' is not a mode.`, `Use one of ${MODES.join(', ')}.`);
  const failOn = read('fail-on').trim().toLowerCase();
  if (failOn && failOn !== 'never' && !(SCAN_SEVERITIES as readonly string[]).includes(failOn)) {
    throw new ConfigurationError(`input 'fail-on'`, `'${failOn}' is not a severity.`, `Use one of ${[...SCAN_SEVERITIES, 'never'].join(', ')} (or leave it empty for the policy's security.block-on).`);
  }
  const advisories = parseAdvisories(read('advisories'));
  const parts = parseParts(read('scanners'));
  // `advisories: none` asks for no lookup, so there is no dependency part to be incomplete.
  if (advisories.length === 0) parts.delete('dependencies');
  return {
    mode: mode as SecurityScanInputs['mode'],
    base: read('base').trim() || undefined,
    head: read('head').trim() || undefined,
    failOn: (failOn || undefined) as ScanFailOn | undefined,
    parts,
    advisories,
    baseline: read('baseline').trim() || undefined,
    writeBaseline: read('write-baseline').trim() || undefined,
    failOnIncomplete: parseBooleanInput('fail-on-incomplete', read('fail-on-incomplete'), true),
    maxFileBytes: parseIntegerInput('max-file-bytes', read('max-file-bytes'), 1024, 1024 * 1024 * 1024) ?? 5 * 1024 * 1024,
    sarifFile: read('sarif-file').trim() || 'safe-deploy-security.sarif',
    reportFile: read('report-file').trim() || 'safe-deploy-security.json',
    workingDirectory: read('working-directory').trim() || '.',
    policyFile: read('policy-file').trim() || '.github/deploy-policy.yml',
  };
}

function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

function parseParts(value: string): Set<ScanPart> {
  const items = splitList(value.toLowerCase());
  if (items.length === 0) return new Set(PARTS);
  for (const item of items) {
    if (!(PARTS as readonly string[]).includes(item)) {
      const near = closestMatch(item, PARTS);
      throw new ConfigurationError(`input 'scanners'`, `'${item}' is not a scanner.${near ? ` Did you mean '${near}'?` : ''}`, `List some of ${PARTS.join(', ')}.`);
    }
  }
  return new Set(items as ScanPart[]);
}

function parseAdvisories(value: string): AdvisoryInputSpec[] {
  const specs: AdvisoryInputSpec[] = [];
  for (const item of splitList(value)) {
    const at = item.indexOf('=');
    const kind = (at < 0 ? item : item.slice(0, at)).trim().toLowerCase();
    const argument = at < 0 ? undefined : item.slice(at + 1).trim();
    if (!(ADVISORY_KINDS as readonly string[]).includes(kind)) {
      const near = closestMatch(kind, ADVISORY_KINDS);
      throw new ConfigurationError(`input 'advisories'`, `'${kind}' is not an advisory source.${near ? ` Did you mean '${near}'?` : ''}`, 'Use osv-api, osv-api=<url>, osv-dir=<path>, npm, npm=<registry-url> or none.');
    }
    if (kind === 'none') continue;
    if (kind === 'osv-dir' && !argument) throw new ConfigurationError(`input 'advisories'`, 'osv-dir needs a path.', 'Write osv-dir=<path to a directory of OSV JSON files or an all.zip>.');
    if (argument !== undefined && kind !== 'osv-dir' && !/^https?:\/\//.test(argument)) {
      throw new ConfigurationError(`input 'advisories'`, `'${argument}' is not an http(s) URL for ${kind}.`, `Write ${kind}=https://… or just ${kind}.`);
    }
    specs.push({ kind: kind as AdvisoryInputSpec['kind'], ...(argument ? { value: argument } : {}) });
  }
  return specs;
}
