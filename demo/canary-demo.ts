// The local demo, the README's main command: a canary deploy in stages through a real nginx, judged from a real
// Prometheus, recorded in the local GitHub — a good release promoted, then a bad one rolled back by itself.
//   1. nginx and Prometheus from Debian's packages (installed if missing), the local GitHub with acme/shop,
//      the sample app's v1 as stable behind nginx, bounded load through nginx (demo/local-stage.ts);
//   2. the progressive-deploy bundle, run as the runner runs it, ships v2 in stages (5 → 25 → 50 → 100 %) and
//      promotes it (its promote-command makes v2 the stable slot);
//   3. it ships v3 — a build that fails 30 % of its requests — inside v2's observation window (with an override
//      reason), sees it fail at 5 %, puts all traffic back on v2 and rolls back, with an incident;
//   4. it prints the stage timelines, the deployment records and the incident, and stops everything it started.
import type { ActionRun } from '../packages/testing/src/run-action';
import { ensureTools, startLocalStage, VERSIONS } from './local-stage';

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const section = (title: string) => console.log(`\n${bold(`━━ ${title} `.padEnd(100, '━'))}`);

/** The action's log as a person reads it: its own lines, without the runner's workflow commands. */
function showLog(run: ActionRun): void {
  for (const line of run.stdout.split('\n')) {
    if (!line.trim() || line.startsWith('::add-mask::') || line.startsWith('::save-state')) continue;
    console.log(`  │ ${line.replace(/^::(error|warning)::/, (_m, level: string) => `${level.toUpperCase()}: `).replace(/%0A/g, ' ').replace(/%25/g, '%')}`);
  }
  console.log(`  └ exit code ${run.exitCode}; outputs ${JSON.stringify(run.outputs)}`);
}

ensureTools();
const stage = await startLocalStage();
let failed = false;
try {
  section('1. Real parts on loopback');
  await stage.setFaults(VERSIONS.v3, { APP_ERROR_RATE: '30' });
  await stage.writePolicy();
  console.log(`local GitHub  ${stage.github.url} (every request checked against GitHub's OpenAPI description)`);
  console.log(`nginx         ${stage.nginx.url} → the stable slot (v1) and the canary slot (empty)`);
  console.log(`Prometheus    ${stage.prometheus.url} scraping both slots every second`);
  console.log('policy        4 stages 5/25/50/100 %, 6 s each, a check every 3 s (the defaults are 10/10/10/30 min, every minute)');
  await stage.startLoad();
  console.log(`load          80 requests/s through nginx; now served: ${await stage.served()}`);

  section('2. Ship v2: a good release, promoted stage by stage');
  const good = await stage.deploy(VERSIONS.v2);
  showLog(good);
  console.log(`nginx serves now: ${await stage.served()}`);

  section("3. Ship v3 right after (override of v2's 48 h observation window): it fails 30 % of requests");
  await stage.startLoad();
  const bad = await stage.deploy(VERSIONS.v3, { override: 'demo: ship v3 right after v2' });
  showLog(bad);
  console.log(`nginx serves now: ${await stage.served()}`);

  section('4. The records in GitHub (deployments of production, oldest first)');
  const repo = stage.github.state().repositories[0];
  for (const deployment of repo?.deployments ?? []) {
    const name = Object.entries(VERSIONS).find(([, v]) => v === deployment.sha)?.[0] ?? '?';
    console.log(`#${deployment.id} ${deployment.task.padEnd(16)} ${name} ${deployment.sha.slice(0, 7)}`);
    for (const status of deployment.statuses) console.log(`${' '.repeat(10)}${status.state.padEnd(12)} ${status.description}`);
  }

  section('5. The incident issue');
  const issue = repo?.issues.at(-1);
  console.log(`#${issue?.number} ${issue?.title}\nlabels: ${issue?.labels.join(', ')}\n`);
  console.log(issue?.body?.split('\n').slice(1, 60).map((line) => `  │ ${line}`).join('\n'));

  const violations = stage.github.violations();
  console.log(`\nOpenAPI violations seen by the local GitHub: ${violations.length}`);
  failed = violations.length > 0 || good.outputs.result !== 'promoted' || bad.outputs.result !== 'rolled-back';
  console.log(failed ? '\nThe demo did not go as described (see above).' : `\nv2 was promoted; v3 was rolled back ${bad.outputs['seconds-to-restore']} s after it first took traffic. Everything started is stopped now.`);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await stage.close();
}
process.exitCode = failed ? 1 : 0;
