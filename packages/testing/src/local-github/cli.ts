// Runs the local GitHub as a process:
//   npx tsx packages/testing/src/local-github/cli.ts --port 3000 --seed seed.yml [--dump-on-exit state.json] [--token t]…
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startLocalGitHub } from './index';
import { readSeedFile } from './seed/read-seed-file';

const USAGE = 'usage: cli.ts [--port 3000] [--host 127.0.0.1] [--seed seed.yml] [--dump-on-exit state.json] [--rate-limit 1000] [--token TOKEN]…';

/** Parses the command line, starts the server and dumps state on SIGINT/SIGTERM when asked. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      'dump-on-exit': { type: 'string' },
      'rate-limit': { type: 'string' },
      token: { type: 'string', multiple: true },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0) throw new Error(`--port must be a port number, got "${values.port}". ${USAGE}`);
  const rateLimit = values['rate-limit'] === undefined ? undefined : Number(values['rate-limit']);
  const server = await startLocalGitHub({
    port,
    host: values.host,
    seed: values.seed === undefined ? undefined : await readSeedFile(values.seed),
    rateLimit,
    tokens: values.token,
  });
  console.log(`local GitHub listening on ${server.url}`);
  const stop = (): void => {
    const dump = values['dump-on-exit'];
    if (dump !== undefined) writeFileSync(dump, `${JSON.stringify(server.state(), null, 2)}\n`);
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`local GitHub failed to start: ${(error as Error).message}`);
  process.exit(1);
});
