import { describe, expect, it } from '@jest/globals';
import { emptyFlowEnvironment, forkFlowEnvironment, joinFlowEnvironments, lookupFlowVariable } from './flow-environment';
import { FLOW_RULE_BITS } from './flow-rules';
import { joinTaints, sanitizeTaint, type Taint } from './taint';

const input: Taint = { source: 'req.query.q', line: 3, safe: 0 };
const pathSafe: Taint = { ...input, safe: FLOW_RULE_BITS['flow-path-traversal'] };

describe('joinTaints and sanitizeTaint', () => {
  it.each([
    ['clean and clean', undefined, undefined, undefined],
    ['tainted and clean', input, undefined, input],
    ['safe for a rule only when both are', pathSafe, input, input],
    ['request input wins over the unparsed payload file', { ...input, payloadFile: true, source: 'GITHUB_EVENT_PATH' }, input, input],
  ])('%s', (_name, a, b, expected) => {
    expect(joinTaints(a, b)).toEqual(expected);
  });

  it('keeps a taint until it is safe for every rule', () => {
    expect(sanitizeTaint(input, FLOW_RULE_BITS['flow-path-traversal'])).toEqual(pathSafe);
    expect(sanitizeTaint(input, 15)).toBeUndefined();
  });
});

describe('joinFlowEnvironments', () => {
  it('taints a variable tainted on any live branch and ignores branches that left the function', () => {
    const base = emptyFlowEnvironment();
    base.vars.set('x', input);
    const cleaned = forkFlowEnvironment(base);
    cleaned.vars.set('x', null);
    const returned = forkFlowEnvironment(base);
    returned.vars.set('y', input);
    returned.exited = true;
    expect(joinFlowEnvironments(base, [cleaned, forkFlowEnvironment(base)])).toBe(false);
    expect(lookupFlowVariable(base, 'x')).toEqual(input);
    joinFlowEnvironments(base, [cleaned, returned]);
    expect(lookupFlowVariable(base, 'x')).toBeNull();
    expect(lookupFlowVariable(base, 'y')).toBeUndefined();
  });

  it('leaves the function when every branch does, and reports new taint for loop re-runs', () => {
    const base = emptyFlowEnvironment();
    const a = forkFlowEnvironment(base);
    a.exited = true;
    joinFlowEnvironments(base, [a]);
    expect(base.exited).toBe(true);
    const loop = emptyFlowEnvironment();
    const body = forkFlowEnvironment(loop);
    body.vars.set('acc', input);
    expect(joinFlowEnvironments(loop, [body, forkFlowEnvironment(loop)])).toBe(true);
  });
});
