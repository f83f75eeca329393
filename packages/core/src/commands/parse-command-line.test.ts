import { describe, expect, it } from '@jest/globals';
import { parseCommandLine } from './parse-command-line';

describe('parseCommandLine', () => {
  it.each([
    ['./deploy.sh rollback', ['./deploy.sh', 'rollback']],
    ['npm run  deploy -- --env "prod eu"', ['npm', 'run', 'deploy', '--', '--env', 'prod eu']],
    ["echo 'a | b' done", ['echo', 'a | b', 'done']],
    ['node scripts/x.js a\\ b', ['node', 'scripts/x.js', 'a b']],
    ['kubectl set image deploy/app app=img:1', ['kubectl', 'set', 'image', 'deploy/app', 'app=img:1']],
  ])('runs %s without a shell', (text, argv) => {
    expect(parseCommandLine(text)).toEqual({ kind: 'argv', argv, text });
  });

  it.each(['make build && make deploy', 'deploy.sh > out.log', 'git checkout "$TARGET_SHA"', 'echo $REASON', 'FOO=1 run.sh', 'ls *.js', 'a; b', 'echo "unterminated'])(
    'keeps %s for a shell',
    (text) => {
      expect(parseCommandLine(text)).toMatchObject({ kind: 'shell', script: text });
    },
  );

  it('returns undefined for an empty command', () => {
    expect(parseCommandLine('   ')).toBeUndefined();
  });
});
