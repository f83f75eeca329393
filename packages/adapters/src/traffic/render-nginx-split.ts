import { z } from 'zod';
import { ConfigurationError } from '@safe-deploy/core';

/** What one nginx router file says: where stable and canary are and how many requests go to the canary. */
export interface NginxSplit {
  /** Prefix of the names in the file: `safe_deploy` → upstreams `safe_deploy_stable`/`_canary`, `$safe_deploy_upstream`. */
  prefix: string;
  /** `host:port` of each stable server. */
  stable: readonly string[];
  /** `host:port` of each canary server. */
  canary: readonly string[];
  /** Percent of requests to the canary, at most two decimals (nginx's `split_clients` precision). */
  weight: number;
  /** Counts the files written, so that a reader can tell which one nginx serves. */
  generation: number;
  /** `split_clients` hashes it to draw each request; the default includes `$request_id`, so every request is drawn anew. */
  key: string;
  /** When set, the file also has a `server {}` listening there that proxies to the split and reports it. */
  listen?: string;
}

/** The path of the status location in the rendered `server {}`. */
export const NGINX_ROUTE_PATH = '/__safe-deploy/route';

const STAMP = '# safe-deploy-split ';
/** The weight and generation of a router file, as stamped in it and as its status location serves them. */
export const nginxSplitStampSchema = z.strictObject({ weight: z.number().min(0).max(100), generation: z.number().int().nonnegative() });

/** The weight and generation a router file was written with. */
export type NginxSplitStamp = z.output<typeof nginxSplitStampSchema>;

/**
 * Renders the file an nginx router owns: two upstreams, a `split_clients` that sends `weight` % of requests to the
 * canary (0 → only `* stable`, 100 → only `* canary`), the `$<prefix>_upstream` variable for `proxy_pass`, and, with
 * `listen`, a server that proxies to it and answers `GET /__safe-deploy/route` with `{"weight":…,"generation":…}`.
 * The weight and generation are also stamped in a comment, to be read back with `parseNginxSplitStamp`.
 */
export function renderNginxSplit(split: NginxSplit): string {
  const hundredths = Math.round(split.weight * 100);
  if (!(split.weight >= 0 && split.weight <= 100) || Math.abs(split.weight * 100 - hundredths) > 1e-6) {
    throw new ConfigurationError(
      'canary.stages',
      `a weight of ${split.weight} % cannot be routed by nginx, whose split_clients takes percentages from 0 to 100 with at most two decimals.`,
      'Round the stage weights to at most two decimals, e.g. 2.5 or 33.33.',
    );
  }
  const weight = hundredths / 100;
  const stable = `${split.prefix}_stable`;
  const canary = `${split.prefix}_canary`;
  const variable = `$${split.prefix}_upstream`;
  const stamp: NginxSplitStamp = { weight, generation: split.generation };
  const upstream = (name: string, servers: readonly string[]) => [`upstream ${name} {`, ...servers.map((server) => `    server ${server};`), '}', ''];
  const shares = weight === 0 ? [`    * ${stable};`] : weight === 100 ? [`    * ${canary};`] : [`    ${weight}% ${canary};`, `    * ${stable};`];
  const lines = [
    "# Written by safe-deploy's nginx router, which rewrites this whole file at every weight change: do not edit it.",
    `# Include it inside http {}; \`proxy_pass http://${variable};\` sends each request to stable or canary.`,
    `${STAMP}${JSON.stringify(stamp)}`,
    '',
    ...upstream(stable, split.stable),
    ...upstream(canary, split.canary),
    `# ${weight} % of requests to the canary.`,
    `split_clients "${split.key}" ${variable} {`,
    ...shares,
    '}',
  ];
  if (split.listen !== undefined) {
    lines.push(
      '',
      'server {',
      `    listen ${split.listen};`,
      '',
      `    location = ${NGINX_ROUTE_PATH} {`,
      '        default_type application/json;',
      `        return 200 '${JSON.stringify(stamp)}';`,
      '    }',
      '',
      '    location / {',
      `        proxy_pass http://${variable};`,
      '        proxy_set_header Host $host;',
      '        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
      `        add_header X-Safe-Deploy-Upstream ${variable} always;`,
      '    }',
      '}',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The weight and generation stamped in a file `renderNginxSplit` wrote; undefined when it has no valid stamp. */
export function parseNginxSplitStamp(text: string): NginxSplitStamp | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(STAMP));
  if (line === undefined) return undefined;
  try {
    const parsed = nginxSplitStampSchema.safeParse(JSON.parse(line.slice(STAMP.length)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
