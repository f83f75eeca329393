import type { RollbackTarget } from './rollback-outcome';

interface RecordedVulnerability {
  id?: unknown;
  severity?: unknown;
  package?: unknown;
}

/**
 * A warning when the version a rollback restores was recorded with security findings. Decides by the target
 * deployment's payload: the security scan's verdict (`verdicts.security`, written by progressive-deploy from the
 * scan's `verdict` output) — a `block`, or known-vulnerable dependencies listed in it. Restoring service comes first,
 * so this never stops a rollback; it makes sure whoever reads the summary or the incident knows what came back.
 */
export function assessTargetSecurity(target: RollbackTarget): string | undefined {
  const security = target.deployment?.payload?.verdicts?.security as ({ verdict: string; vulnerabilities?: unknown } | undefined);
  if (!security) return undefined;
  const listed = Array.isArray(security.vulnerabilities) ? (security.vulnerabilities as RecordedVulnerability[]).filter((v) => typeof v?.id === 'string') : [];
  if (listed.length === 0 && security.verdict !== 'block') return undefined;
  const what = listed
    .slice(0, 5)
    .map((v) => `${String(v.id)}${typeof v.package === 'string' ? ` (${v.package}${typeof v.severity === 'string' ? `, ${v.severity}` : ''})` : ''}`)
    .join(', ');
  const more = listed.length > 5 ? ` and ${listed.length - 5} more` : '';
  return listed.length
    ? `The version being restored (${target.sha.slice(0, 7)}) was deployed with known-vulnerable dependencies: ${what}${more}. Plan a fixed release soon after service is back.`
    : `The version being restored (${target.sha.slice(0, 7)}) was deployed over a blocking security verdict (${(security as { reasons?: string[] }).reasons?.slice(0, 2).join('; ') || 'no reasons recorded'}).`;
}
