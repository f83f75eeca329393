import { emptyFlowEnvironment, forkFlowEnvironment, joinFlowEnvironments, lookupFlowVariable, type FlowEnvironment } from './flow-environment';
import type { FlowCall, FlowContext, FlowLanguageSpec, GuardFact, NodeShape, SourceKind } from './flow-language-spec';
import { FLOW_RULE_BITS, type FlowRuleId } from './flow-rules';
import { flowSyntax } from './flow-syntax';
import type { SyntaxNode } from './syntax-node';
import { joinTaints, sanitizeTaint, type Taint } from './taint';

/** One tainted value reaching one sink: the rule, the sink call, the argument that carried it and where it came from. */
export interface FlowHit {
  rule: FlowRuleId;
  sink: SyntaxNode;
  argument: SyntaxNode;
  taint: Taint;
}

/** Deeper expressions (minified bundles, generated code) are not followed: a stack overflow would lose the file. */
const MAX_DEPTH = 400;
/** A loop body runs a second time when the first run tainted something, to catch values carried round the loop. */
const MAX_LOOP_RERUN_DEPTH = 2;
/** Calls that build strings, so their result may be SQL text. */
const STRING_BUILDERS = new Set(['format', 'Sprintf', 'Sprint', 'join', 'Join', 'concat']);

/**
 * Follows untrusted input through one file, function by function, and returns every sink it reaches. Decides by the
 * language spec's sources, sinks, sanitizers and guards, statement order (a reassignment to a clean value kills the
 * taint), branches (tainted if tainted on any path that does not return or throw), validation guards (`if
 * (!ALLOWED.includes(x)) return` makes `x` safe afterwards) and closures (a nested function sees the enclosing
 * function's variables as they are where it is defined). Intra-procedural: a call's result is tainted when its
 * receiver or an argument is, unless it is a sanitizer or a sink (rows, file contents and command output are not
 * what the sender wrote); nothing is followed into the called function. `text` is the file's text, for file-wide facts.
 */
export function traceInputFlows(root: SyntaxNode, spec: FlowLanguageSpec, text: string): FlowHit[] {
  const hits = new Map<string, FlowHit>();
  let loopDepth = 0;
  const facts = spec.fileFacts(text);
  const contextOf = (env: FlowEnvironment): FlowContext => ({ roles: env.roles, facts });

  const sourceTaint = (node: SyntaxNode, kind: SourceKind, label?: string): Taint => ({
    source: label ?? flowSyntax.shorten(node.text),
    line: node.startPosition.row + 1,
    safe: 0,
    ...(kind === 'payload-file' ? { payloadFile: true } : {}),
  });

  /** The taint of a dotted path: the longest prefix written in the environment or read from a source. */
  const resolvePath = (path: string, env: FlowEnvironment, node: SyntaxNode, label?: string): { found: boolean; taint?: Taint } => {
    const segments = path.split('.');
    const context = contextOf(env);
    for (let length = segments.length; length > 0; length--) {
      const key = length === segments.length ? path : segments.slice(0, length).join('.');
      const entry = lookupFlowVariable(env, key);
      if (entry !== undefined) return entry ? { found: true, taint: entry } : { found: true };
      const kind = spec.sourceOf(key, context);
      if (kind) return { found: true, taint: sourceTaint(node, kind, label) };
    }
    return { found: false };
  };

  const report = (rule: FlowRuleId, sink: SyntaxNode, argument: SyntaxNode, taint: Taint | undefined, requireSql = false) => {
    if (!taint || taint.payloadFile || taint.safe & FLOW_RULE_BITS[rule]) return;
    if (requireSql && !taint.sql && !flowSyntax.looksLikeSql(argument.text)) return;
    const key = `${rule}:${sink.startPosition.row}:${sink.startPosition.column}`;
    if (!hits.has(key)) hits.set(key, { rule, sink, argument, taint });
  };

  const bind = (target: SyntaxNode, taint: Taint | undefined, value: SyntaxNode | undefined, env: FlowEnvironment, augment: boolean) => {
    const valuePath = value ? spec.pathOf(value) : undefined;
    for (const { node, key, weak } of spec.targetsOf(target)) {
      let bound = taint;
      if (key !== undefined && valuePath !== undefined && value) bound = resolvePath(`${valuePath}.${key}`, env, value, `${valuePath}.${key}`).taint;
      const path = spec.pathOf(node);
      if (path === undefined) continue;
      if (augment || weak) bound = joinTaints(resolvePath(path, env, node).taint, bound);
      env.vars.set(path, bound ?? null);
    }
  };

  const assign = (targets: readonly SyntaxNode[], values: readonly SyntaxNode[], taints: readonly (Taint | undefined)[], env: FlowEnvironment, augment: boolean) => {
    if (targets.length > 1 && targets.length === values.length) {
      targets.forEach((target, i) => bind(target, taints[i], values[i], env, augment));
      return;
    }
    const whole = taints.reduce<Taint | undefined>((acc, t) => joinTaints(acc, t), undefined);
    for (const target of targets) bind(target, whole, values.length === 1 ? values[0] : undefined, env, augment);
  };

  const guardFacts = (node: SyntaxNode, depth: number): { whenTrue: GuardFact[]; whenFalse: GuardFact[] } => {
    const none = { whenTrue: [], whenFalse: [] };
    if (depth > 50) return none;
    const shape = spec.condition(node);
    if (!shape) return none;
    switch (shape.kind) {
      case 'wrap':
        return guardFacts(shape.inner, depth + 1);
      case 'not': {
        const inner = guardFacts(shape.operand, depth + 1);
        return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
      }
      case 'and': {
        const left = guardFacts(shape.left, depth + 1);
        const right = guardFacts(shape.right, depth + 1);
        return { whenTrue: [...left.whenTrue, ...right.whenTrue], whenFalse: intersectFacts(left.whenFalse, right.whenFalse) };
      }
      case 'or': {
        const left = guardFacts(shape.left, depth + 1);
        const right = guardFacts(shape.right, depth + 1);
        return { whenTrue: intersectFacts(left.whenTrue, right.whenTrue), whenFalse: [...left.whenFalse, ...right.whenFalse] };
      }
      case 'facts':
        return { whenTrue: shape.facts.filter((f) => f.when), whenFalse: shape.facts.filter((f) => !f.when) };
    }
  };

  const applyFacts = (facts: readonly GuardFact[], env: FlowEnvironment, node: SyntaxNode) => {
    for (const fact of facts) {
      const current = resolvePath(fact.path, env, node).taint;
      if (current) env.vars.set(fact.path, sanitizeTaint(current, fact.bits) ?? null);
    }
  };

  const visitIf = (shape: Extract<NodeShape, { kind: 'if' }>, env: FlowEnvironment, depth: number) => {
    if (shape.initializer) visit(shape.initializer, env, depth + 1);
    visit(shape.condition, env, depth + 1);
    const facts = guardFacts(shape.condition, 0);
    const whenTrue = forkFlowEnvironment(env);
    applyFacts(facts.whenTrue, whenTrue, shape.condition);
    if (shape.consequence) visit(shape.consequence, whenTrue, depth + 1);
    const whenFalse = forkFlowEnvironment(env);
    applyFacts(facts.whenFalse, whenFalse, shape.condition);
    const [first, ...rest] = shape.alternatives;
    if (first) {
      const next = spec.shape(first);
      if (next?.kind === 'if') visitIf({ ...next, alternatives: [...next.alternatives, ...rest] }, whenFalse, depth + 1);
      else visit(first, whenFalse, depth + 1);
    }
    joinFlowEnvironments(env, [whenTrue, whenFalse]);
  };

  const visitLoop = (shape: Extract<NodeShape, { kind: 'loop' }>, env: FlowEnvironment, depth: number) => {
    for (const node of shape.head) visit(node, env, depth + 1);
    const iterated = shape.iterable ? visit(shape.iterable, env, depth + 1) : undefined;
    const run = (): boolean => {
      const body = forkFlowEnvironment(env);
      if (shape.targets && shape.iterable) assign(shape.targets, [shape.iterable], [iterated], body, false);
      if (shape.body) visit(shape.body, body, depth + 1);
      for (const node of shape.tail ?? []) visit(node, body, depth + 1);
      return joinFlowEnvironments(env, [body, forkFlowEnvironment(env)]);
    };
    if (run() && loopDepth < MAX_LOOP_RERUN_DEPTH) {
      loopDepth++;
      run();
      loopDepth--;
    }
  };

  const visitCall = (call: FlowCall, env: FlowEnvironment, depth: number): Taint | undefined => {
    let calleeTaint = visit(call.callee, env, depth + 1);
    // A source method (`request.args.get`, `r.FormValue`) reads as the whole call in messages.
    if (calleeTaint && calleeTaint.line === call.node.startPosition.row + 1 && calleeTaint.source === flowSyntax.shorten(call.callee.text)) {
      calleeTaint = { ...calleeTaint, source: flowSyntax.shorten(call.node.text) };
    }
    const argTaints = call.args.map((arg) => visit(arg, env, depth + 1));
    let keywordTaint: Taint | undefined;
    for (const value of call.keywords.values()) keywordTaint = joinTaints(keywordTaint, visit(value, env, depth + 1));
    const context = contextOf(env);

    const sink = spec.sinkOf(call, context);
    if (sink) {
      for (const index of sink.args) {
        const arg = call.args[index];
        if (arg) report(sink.rule, call.node, arg, argTaints[index], sink.requireSql);
      }
      if (sink.receiver && call.receiver) report(sink.rule, call.node, call.receiver, calleeTaint, sink.requireSql);
    }

    let result = argTaints.reduce<Taint | undefined>((acc, t) => joinTaints(acc, t), joinTaints(calleeTaint, keywordTaint));
    // What a sink returns (rows, file contents, command output) is not what the sender wrote; the event payload file
    // is the exception: reading it is how the payload gets in.
    if (sink && !result?.payloadFile) result = undefined;
    const sourceKind = spec.callSourceOf?.(call, context);
    if (sourceKind) result = joinTaints(result, sourceTaint(call.node, sourceKind));
    for (const target of spec.outTargets?.(call) ?? []) {
      const written = result?.payloadFile ? { ...result, payloadFile: undefined } : result;
      if (written) bind(target, written, undefined, env, false);
    }
    if (call.isTagged) return call.calleePath === 'String.raw' ? result : undefined;
    if (result?.payloadFile && spec.parsesPayload(call)) result = { source: `event payload ${flowSyntax.shorten(call.node.text)}`, line: call.node.startPosition.row + 1, safe: result.safe };
    const safeBits = spec.sanitizerOf(call);
    if (safeBits) result = sanitizeTaint(result, safeBits);
    if (result && !result.sql && STRING_BUILDERS.has(call.name) && flowSyntax.looksLikeSql(call.node.text)) result = { ...result, sql: true };
    return result;
  };

  const visitFunction = (shape: Extract<NodeShape, { kind: 'function' }>, env: FlowEnvironment, depth: number) => {
    const roles = shape.roles ? new Map([...env.roles, ...shape.roles]) : env.roles;
    const scope = forkFlowEnvironment(env, roles);
    scope.exited = false;
    for (const name of shape.params) scope.vars.set(name, null);
    for (const [name, node] of shape.taintedParams ?? []) scope.vars.set(name, sourceTaint(node, 'input', `route parameter \`${name}\``));
    if (shape.body) visit(shape.body, scope, depth + 1);
  };

  const visitChildren = (node: SyntaxNode, env: FlowEnvironment, depth: number): Taint | undefined => {
    let result: Taint | undefined;
    for (const child of flowSyntax.kids(node)) result = joinTaints(result, visit(child, env, depth + 1));
    if (result && !result.sql && spec.stringBuildTypes.has(node.type) && flowSyntax.looksLikeSql(node.text)) result = { ...result, sql: true };
    return result;
  };

  function visit(node: SyntaxNode, env: FlowEnvironment, depth: number): Taint | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const shape = spec.shape(node);
    if (!shape) return visitChildren(node, env, depth);
    switch (shape.kind) {
      case 'skip':
        return undefined;
      case 'block':
        for (const statement of shape.statements) visit(statement, env, depth + 1);
        return undefined;
      case 'assign': {
        const taints = shape.values.map((value) => visit(value, env, depth + 1));
        assign(shape.targets, shape.values, taints, env, Boolean(shape.augment));
        return taints.reduce<Taint | undefined>((acc, t) => joinTaints(acc, t), undefined);
      }
      case 'if':
        visitIf(shape, env, depth);
        return undefined;
      case 'loop':
        visitLoop(shape, env, depth);
        return undefined;
      case 'branches': {
        for (const head of shape.head) visit(head, env, depth + 1);
        const forks = shape.branches.map((branch) => {
          const fork = forkFlowEnvironment(env);
          visit(branch, fork, depth + 1);
          return fork;
        });
        joinFlowEnvironments(env, [...forks, forkFlowEnvironment(env)]);
        return undefined;
      }
      case 'try': {
        const body = forkFlowEnvironment(env);
        if (shape.body) visit(shape.body, body, depth + 1);
        const handlers = shape.handlers.map((handler) => {
          const fork = forkFlowEnvironment(env);
          visit(handler, fork, depth + 1);
          return fork;
        });
        joinFlowEnvironments(env, [body, ...handlers]);
        if (shape.finalizer) visit(shape.finalizer, env, depth + 1);
        return undefined;
      }
      case 'exit':
        for (const value of shape.values) visit(value, env, depth + 1);
        env.exited = true;
        return undefined;
      case 'function':
        visitFunction(shape, env, depth);
        return undefined;
      case 'name':
        return resolvePath(shape.name, env, node).taint;
      case 'member': {
        const objectTaint = visit(shape.object, env, depth + 1);
        for (const extra of shape.also ?? []) visit(extra, env, depth + 1);
        const path = spec.pathOf(node);
        if (path === undefined) return objectTaint;
        const resolved = resolvePath(path, env, node);
        return resolved.found ? resolved.taint : objectTaint;
      }
      case 'call':
        return visitCall(shape.call, env, depth);
      case 'choice': {
        if (shape.test) visit(shape.test, env, depth + 1);
        return shape.options.reduce<Taint | undefined>((acc, option) => joinTaints(acc, visit(option, env, depth + 1)), undefined);
      }
      case 'clean':
        for (const child of shape.children) visit(child, env, depth + 1);
        return undefined;
      case 'only':
        return shape.children.reduce<Taint | undefined>((acc, child) => joinTaints(acc, visit(child, env, depth + 1)), undefined);
    }
  }

  visit(root, emptyFlowEnvironment(), 0);
  return [...hits.values()];
}

/** Facts that hold on both sides of an `||` (or both failures of an `&&`): the paths both name, safe for what both give. */
function intersectFacts(left: readonly GuardFact[], right: readonly GuardFact[]): GuardFact[] {
  return left.flatMap((a) => {
    const b = right.find((f) => f.path === a.path);
    return b ? [{ path: a.path, bits: a.bits & b.bits, when: a.when }] : [];
  });
}
