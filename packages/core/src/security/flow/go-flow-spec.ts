import type { ConditionShape, FlowCall, FlowContext, FlowLanguageSpec, FlowSink, FlowTarget, GuardFact, NodeShape, SourceKind } from './flow-language-spec';
import { ALL_FLOW_RULES, FLOW_RULE_BITS } from './flow-rules';
import { flowSyntax, type PathGrammar } from './flow-syntax';
import type { SyntaxNode } from './syntax-node';

const { kids, field, operatorOf } = flowSyntax;

const SKIP = new Set([
  'comment', 'package_clause', 'import_declaration', 'type_declaration', 'const_declaration', 'interpreted_string_literal', 'raw_string_literal',
  'int_literal', 'float_literal', 'imaginary_literal', 'rune_literal', 'true', 'false', 'nil', 'iota', 'field_identifier', 'package_identifier',
  'type_identifier', 'label_name', 'break_statement', 'fallthrough_statement', 'empty_statement', 'goto_statement',
]);
const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);
const CLEAN_BINARY = new Set(['==', '!=', '<', '>', '<=', '>=', '&&', '||', '-', '*', '/', '%', '<<', '>>', '&', '|', '^', '&^']);

/** `*http.Request` fields and methods that carry what the client sent. */
const REQUEST_MEMBERS = new Set([
  'URL', 'Form', 'PostForm', 'Header', 'Body', 'MultipartForm', 'RequestURI', 'Host', 'Trailer', 'FormValue', 'PostFormValue', 'Cookie', 'Cookies',
  'PathValue', 'FormFile', 'Referer', 'UserAgent', 'GetBody',
]);
/** Framework context methods (gin, echo, fiber) that return request input. */
const CONTEXT_MEMBERS: Readonly<Record<string, ReadonlySet<string>>> = {
  gin: new Set(['Query', 'DefaultQuery', 'Param', 'PostForm', 'DefaultPostForm', 'GetHeader', 'QueryArray', 'GetQuery', 'GetPostForm', 'QueryMap', 'PostFormMap', 'GetRawData', 'Params', 'Bind', 'BindJSON', 'BindQuery', 'ShouldBind', 'ShouldBindJSON', 'ShouldBindQuery', 'ShouldBindUri', 'Cookie', 'FullPath']),
  echo: new Set(['QueryParam', 'QueryParams', 'QueryString', 'Param', 'FormValue', 'FormParams', 'Bind', 'Cookie']),
  fiber: new Set(['Query', 'Params', 'FormValue', 'Body', 'Get', 'Cookies', 'OriginalURL', 'BodyParser', 'QueryParser']),
};
const SQL_METHODS: Readonly<Record<string, number>> = {
  Query: 0, QueryRow: 0, Exec: 0, Prepare: 0, Queryx: 0, QueryRowx: 0, MustExec: 0, NamedExec: 0, NamedQuery: 0,
  QueryContext: 1, QueryRowContext: 1, ExecContext: 1, PrepareContext: 1, QueryxContext: 1, MustExecContext: 1,
};
const SQL_GENERIC: Readonly<Record<string, number>> = { Select: 1, Get: 1, Raw: 0, Where: 0, Order: 0, Having: 0, Joins: 0, Group: 0 };
const DB_RECEIVER = /(?:db|DB|Db|tx|Tx|conn|Conn|stmt|pool|Pool|database|Database|sql|gorm|sqlx)$/;
const PATH_SINKS = new Set([
  'os.Open', 'os.OpenFile', 'os.ReadFile', 'os.WriteFile', 'os.Create', 'os.Remove', 'os.RemoveAll', 'os.ReadDir', 'os.Mkdir', 'os.MkdirAll', 'os.Truncate',
  'os.Chmod', 'ioutil.ReadFile', 'ioutil.WriteFile', 'ioutil.ReadDir',
]);
const EXIT_CALLS = /^(?:panic|os\.Exit|log\.Fatal\w*|log\.Panic\w*|t\.Fatal\w*|b\.Fatal\w*|runtime\.Goexit)$/;
const OUT_PARAM_CALLS = new Set(['Decode', 'Unmarshal', 'Bind', 'BindJSON', 'BindQuery', 'ShouldBind', 'ShouldBindJSON', 'ShouldBindQuery', 'ShouldBindUri', 'BodyParser', 'QueryParser']);

function literalValue(node: SyntaxNode | undefined): string | undefined {
  if (node?.type === 'interpreted_string_literal') return node.text.slice(1, -1);
  if (node?.type === 'raw_string_literal') return node.text.slice(1, -1);
  return undefined;
}

const PATHS: PathGrammar = {
  names: ['identifier'],
  member: { selector_expression: ['operand', 'field'] },
  index: { index_expression: ['operand', 'index'] },
  indexKey: (index) => {
    const key = literalValue(index);
    return key !== undefined && /^[\w-]+$/.test(key) ? key : undefined;
  },
  call: { call_expression: 'function' },
  wrappers: ['parenthesized_expression'],
};

function pathOf(node: SyntaxNode): string | undefined {
  return flowSyntax.dottedPath(node, PATHS);
}

function callOf(node: SyntaxNode): FlowCall | undefined {
  const callee = field(node, 'function');
  if (!callee) return undefined;
  const argsNode = field(node, 'arguments');
  const args = argsNode ? kids(argsNode) : [];
  const receiver = callee.type === 'selector_expression' ? field(callee, 'operand') : undefined;
  const name = callee.type === 'selector_expression' ? (field(callee, 'field')?.text ?? '') : callee.type === 'identifier' ? callee.text : '';
  return { node, callee, calleePath: pathOf(callee), name, ...(receiver ? { receiver } : {}), args, keywords: new Map(), isNew: false, isTagged: false };
}

/** Parameter names and their roles from their types (`r *http.Request` → http-request, `c *gin.Context` → gin, else other). */
function functionShape(node: SyntaxNode): NodeShape {
  const names: string[] = [];
  const roles = new Map<string, string>();
  for (const list of [field(node, 'receiver'), field(node, 'parameters')]) {
    for (const param of list ? kids(list) : []) {
      const type = field(param, 'type')?.text.replace(/\s+/g, '') ?? '';
      const role = /^\*?http\.Request$/.test(type) ? 'http-request' : /^\*gin\.Context$/.test(type) ? 'gin' : /^echo\.Context$/.test(type) ? 'echo' : /^\*fiber\.Ctx$/.test(type) ? 'fiber' : undefined;
      for (const name of kids(param).filter((k) => k.type === 'identifier')) {
        names.push(name.text);
        roles.set(name.text, role ?? 'other');
      }
    }
  }
  const body = field(node, 'body');
  return { kind: 'function', params: names, ...(body ? { body } : {}), roles };
}

function shape(node: SyntaxNode): NodeShape | undefined {
  const type = node.type;
  if (SKIP.has(type)) return { kind: 'skip' };
  if (FUNCTIONS.has(type)) return functionShape(node);
  switch (type) {
    case 'source_file':
    case 'block':
    case 'statement_list':
      return { kind: 'block', statements: kids(node) };
    case 'identifier':
      return { kind: 'name', name: node.text };
    case 'short_var_declaration':
    case 'assignment_statement': {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (!left || !right) return undefined;
      const op = operatorOf(node);
      return { kind: 'assign', targets: kids(left), values: kids(right), augment: op !== '=' && op !== ':=' };
    }
    case 'var_spec': {
      const value = field(node, 'value');
      const targets = kids(node).filter((k) => k.type === 'identifier');
      return { kind: 'assign', targets, values: value ? kids(value) : [] };
    }
    case 'if_statement': {
      const initializer = field(node, 'initializer');
      const condition = field(node, 'condition');
      const consequence = field(node, 'consequence');
      const alternative = field(node, 'alternative');
      return condition ? { kind: 'if', ...(initializer ? { initializer } : {}), condition, ...(consequence ? { consequence } : {}), alternatives: alternative ? [alternative] : [] } : undefined;
    }
    case 'for_statement': {
      const body = field(node, 'body');
      const clause = kids(node).find((k) => k !== body);
      const withBody = body ? { body } : {};
      if (clause?.type === 'for_clause') {
        const update = field(clause, 'update');
        return { kind: 'loop', head: ['initializer', 'condition'].flatMap((f) => field(clause, f) ?? []), tail: update ? [update] : [], ...withBody };
      }
      if (clause?.type === 'range_clause') {
        const left = field(clause, 'left');
        const right = field(clause, 'right');
        if (!right) return { kind: 'loop', head: [], ...withBody };
        return { kind: 'loop', head: [], ...(left ? { targets: kids(left) } : { targets: [] }), iterable: right, ...withBody };
      }
      return { kind: 'loop', head: clause ? [clause] : [], ...withBody };
    }
    case 'expression_switch_statement':
    case 'type_switch_statement':
    case 'select_statement': {
      const head = ['initializer', 'value'].flatMap((f) => field(node, f) ?? []);
      const branches = kids(node).filter((k) => /_case$/.test(k.type));
      return { kind: 'branches', head, branches };
    }
    case 'return_statement':
      return { kind: 'exit', values: kids(node) };
    case 'continue_statement':
      return { kind: 'exit', values: [] };
    case 'expression_statement': {
      const call = kids(node)[0];
      const path = call?.type === 'call_expression' ? pathOf(field(call, 'function') ?? call) : undefined;
      return path && EXIT_CALLS.test(path) ? { kind: 'exit', values: kids(node) } : undefined;
    }
    case 'selector_expression': {
      const operand = field(node, 'operand');
      return operand ? { kind: 'member', object: operand } : undefined;
    }
    case 'index_expression': {
      const operand = field(node, 'operand');
      const index = field(node, 'index');
      return operand ? { kind: 'member', object: operand, also: index ? [index] : [] } : undefined;
    }
    case 'call_expression': {
      const call = callOf(node);
      return call ? { kind: 'call', call } : undefined;
    }
    case 'binary_expression':
      return CLEAN_BINARY.has(operatorOf(node)) ? { kind: 'clean', children: kids(node) } : undefined;
    case 'unary_expression':
      return /^[!\-^+]$/.test(operatorOf(node)) ? { kind: 'clean', children: kids(node) } : undefined;
    case 'keyed_element': {
      const [, value] = kids(node);
      return { kind: 'only', children: value ? [value] : kids(node) };
    }
    default:
      return undefined;
  }
}

function targetsOf(target: SyntaxNode): FlowTarget[] {
  switch (target.type) {
    case 'identifier':
      return target.text === '_' ? [] : [{ node: target }];
    case 'selector_expression':
    case 'index_expression': {
      if (pathOf(target) !== undefined) return [{ node: target }];
      const operand = field(target, 'operand');
      return operand && pathOf(operand) !== undefined ? [{ node: operand, weak: true }] : [];
    }
    case 'unary_expression':
    case 'parenthesized_expression':
    case 'expression_list':
      return kids(target).flatMap(targetsOf);
    default:
      return [];
  }
}

function roleOf(root: string, context: FlowContext): string | undefined {
  const role = context.roles.get(root) ?? (/^(?:r|req|request)$/.test(root) ? 'http-request' : undefined);
  return role === 'other' ? undefined : role;
}

function sourceOf(path: string, context: FlowContext): SourceKind | undefined {
  if (/^(?:mux\.Vars|chi\.URLParam|chi\.URLParamFromCtx)$/.test(path)) return 'input';
  const [root = '', first, second] = path.split('.').map((s) => s.replace(/\(\)$/, ''));
  const role = roleOf(root, context);
  if (!role || first === undefined) return undefined;
  if (role === 'http-request') return REQUEST_MEMBERS.has(first) && path.split('.').length === 2 ? 'input' : undefined;
  if (first === 'Request' && second !== undefined) return REQUEST_MEMBERS.has(second) && path.split('.').length === 3 ? 'input' : undefined;
  return CONTEXT_MEMBERS[role]?.has(first) && path.split('.').length === 2 ? 'input' : undefined;
}

function callSourceOf(call: FlowCall): SourceKind | undefined {
  if (call.calleePath !== 'os.Getenv' && call.calleePath !== 'os.LookupEnv') return undefined;
  const key = literalValue(call.args[0]);
  if (key === 'GITHUB_EVENT_PATH') return 'payload-file';
  return key !== undefined && /^(?:GITHUB_HEAD_REF|GITHUB_EVENT_(?!NAME$)\w+)$/.test(key) ? 'input' : undefined;
}

function sinkOf(call: FlowCall, context: FlowContext): FlowSink | undefined {
  const { name, args, calleePath = '' } = call;
  if (calleePath === 'exec.Command' || calleePath === 'exec.CommandContext') {
    const offset = name === 'CommandContext' ? 1 : 0;
    const program = literalValue(args[offset]);
    if (program !== undefined && flowSyntax.isShellProgram(program)) {
      const flag = args.findIndex((a, i) => i > offset && /^(?:-c|\/c|-Command)$/.test(literalValue(a) ?? ''));
      return flag === -1 ? undefined : { rule: 'flow-shell-injection', args: args.map((_, i) => i).filter((i) => i > flag) };
    }
    return { rule: 'flow-shell-injection', args: [offset] };
  }
  if (calleePath === 'syscall.Exec') return { rule: 'flow-shell-injection', args: [0] };
  const receiver = call.receiver ? (pathOf(call.receiver) ?? call.receiver.text) : '';
  const dbLike = DB_RECEIVER.test(flowSyntax.lastName(receiver));
  const role = call.receiver?.type === 'identifier' ? roleOf(call.receiver.text, context) : undefined;
  if (role && /^(?:File|FileAttachment|Attachment|SendFile|Download|Inline)$/.test(name)) return { rule: 'flow-path-traversal', args: [0] };
  if (role) return undefined;
  if (call.receiver && receiver !== 'exec' && name in SQL_METHODS) return { rule: 'flow-sql-injection', args: [SQL_METHODS[name]!], ...(dbLike ? {} : { requireSql: true }) };
  if (call.receiver && name in SQL_GENERIC && args.length > SQL_GENERIC[name]!) return { rule: 'flow-sql-injection', args: [SQL_GENERIC[name]!], ...(dbLike && name !== 'Get' && name !== 'Select' ? {} : { requireSql: true }) };
  if (PATH_SINKS.has(calleePath)) return { rule: 'flow-path-traversal', args: /Rename|Symlink/.test(name) ? [0, 1] : [0] };
  if (calleePath === 'os.Rename' || calleePath === 'os.Symlink') return { rule: 'flow-path-traversal', args: [0, 1] };
  if (calleePath === 'http.ServeFile') return { rule: 'flow-path-traversal', args: [2] };
  return undefined;
}

function sanitizerOf(call: FlowCall): number {
  const { name, calleePath = '' } = call;
  if (/^strconv\.(?:Atoi|ParseInt|ParseUint|ParseFloat|ParseBool)$/.test(calleePath) || /^(?:len|cap)$/.test(calleePath)) return ALL_FLOW_RULES;
  if (/^(?:uuid\.(?:Parse|MustParse|FromString)|strings\.(?:HasPrefix|HasSuffix|Contains|ContainsAny|ContainsRune|EqualFold|Count|Index))$/.test(calleePath)) return ALL_FLOW_RULES;
  if (/^(?:MatchString|Match)$/.test(name) || /sanitiz|validat/i.test(name)) return ALL_FLOW_RULES;
  if (/^(?:filepath|path)\.Base$/.test(calleePath)) return FLOW_RULE_BITS['flow-path-traversal'];
  // `filepath.Clean("/" + name)` resolves every `..` against the root first: the idiom for a path under a base.
  const rooted = call.args[0]?.type === 'binary_expression' ? call.args[0].childForFieldName('left') : null;
  if (/^(?:filepath|path)\.Clean$/.test(calleePath) && rooted && /^(?:"\/"|`\/`|string\(filepath\.Separator\))$/.test(rooted.text)) return FLOW_RULE_BITS['flow-path-traversal'];
  if (/^url\.(?:QueryEscape|PathEscape)$/.test(calleePath)) return FLOW_RULE_BITS['flow-shell-injection'] | FLOW_RULE_BITS['flow-path-traversal'];
  if (/^pq\.(?:QuoteIdentifier|QuoteLiteral)$/.test(calleePath)) return FLOW_RULE_BITS['flow-sql-injection'];
  return 0;
}

function outTargets(call: FlowCall): SyntaxNode[] {
  if (!OUT_PARAM_CALLS.has(call.name)) return [];
  return call.args.filter((a) => a.type === 'unary_expression' && operatorOf(a) === '&').flatMap((a) => kids(a).slice(0, 1));
}

/** `if _, ok := allowed[x]; !ok` and `if err := validate(x); err != nil`: facts from the if's initializer. */
function initializerFacts(node: SyntaxNode, name: string, errorCheck: boolean): GuardFact[] {
  let at: SyntaxNode | null = node.parent;
  while (at && at.type !== 'if_statement') at = at.type === 'parenthesized_expression' || at.type === 'unary_expression' || at.type === 'binary_expression' ? at.parent : null;
  const initializer = at && field(at, 'initializer');
  if (initializer?.type !== 'short_var_declaration') return [];
  const left = field(initializer, 'left');
  const right = kids(field(initializer, 'right') ?? initializer)[0];
  if (!left || !right || !kids(left).some((k) => k.text === name)) return [];
  if (!errorCheck && right.type === 'index_expression') {
    const index = field(right, 'index');
    const path = index && pathOf(index);
    return path ? [{ path, bits: ALL_FLOW_RULES, when: true }] : [];
  }
  if (errorCheck && right.type === 'call_expression') {
    const call = callOf(right);
    const path = call?.args[0] && pathOf(call.args[0]);
    return call && path && /validat|sanitiz|check/i.test(call.name) ? [{ path, bits: ALL_FLOW_RULES, when: false }] : [];
  }
  return [];
}

function unwrapPath(node: SyntaxNode): SyntaxNode {
  if (node.type === 'call_expression') {
    const call = callOf(node);
    if (call && /^filepath\.(?:Clean|Abs)$|^path\.Clean$/.test(call.calleePath ?? '') && call.args[0]) return unwrapPath(call.args[0]);
  }
  return node;
}

function conditionFacts(node: SyntaxNode): GuardFact[] {
  if (node.type === 'identifier') return initializerFacts(node, node.text, false);
  if (node.type === 'index_expression') {
    const index = field(node, 'index');
    const path = index && pathOf(index);
    return path ? [{ path, bits: ALL_FLOW_RULES, when: true }] : [];
  }
  if (node.type === 'binary_expression') {
    const op = operatorOf(node);
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (!left || !right || (op !== '==' && op !== '!=')) return [];
    if (right.type === 'nil' && left.type === 'identifier') return initializerFacts(node, left.text, true).map((f) => ({ ...f, when: op === '==' }));
    const [subject, other] = literalValue(right) !== undefined ? [left, right] : [right, left];
    const path = pathOf(subject);
    return path && literalValue(other) !== undefined ? [{ path, bits: ALL_FLOW_RULES, when: op === '==' }] : [];
  }
  if (node.type !== 'call_expression') return [];
  const call = callOf(node);
  if (!call) return [];
  const argPath = (i: number) => {
    const arg = call.args[i];
    return arg ? pathOf(unwrapPath(arg)) : undefined;
  };
  const path0 = argPath(0);
  if (call.calleePath === 'strings.Contains' && /\.\./.test(literalValue(call.args[1]) ?? '')) return path0 ? [{ path: path0, bits: FLOW_RULE_BITS['flow-path-traversal'], when: false }] : [];
  if (call.calleePath === 'strings.HasPrefix' || call.calleePath === 'filepath.IsLocal') return path0 ? [{ path: path0, bits: FLOW_RULE_BITS['flow-path-traversal'], when: true }] : [];
  if (call.name === 'MatchString' || call.name === 'Match') {
    const path = argPath(call.args.length - 1);
    return path ? [{ path, bits: ALL_FLOW_RULES, when: true }] : [];
  }
  if (call.calleePath === 'slices.Contains') {
    const path = argPath(1);
    return path ? [{ path, bits: ALL_FLOW_RULES, when: true }] : [];
  }
  return path0 && /^(?:is|Is)(?:Valid|Safe|Allowed)|^(?:valid|Valid|allowed|Allowed)/.test(call.name) ? [{ path: path0, bits: ALL_FLOW_RULES, when: true }] : [];
}

function condition(node: SyntaxNode): ConditionShape | undefined {
  return flowSyntax.cStyleCondition(node, 'operand', conditionFacts);
}

/** Go: net/http, gorilla/mux, chi, gin, echo and fiber request input; os/exec, database/sql (and sqlx, gorm), os files. */
export const goFlowSpec: FlowLanguageSpec = {
  shape,
  pathOf,
  sourceOf,
  callSourceOf,
  sanitizerOf,
  parsesPayload: () => false,
  sinkOf,
  outTargets,
  targetsOf,
  condition,
  fileFacts: () => new Set(),
  stringBuildTypes: new Set(['binary_expression']),
  fixes: {
    'flow-shell-injection': 'run the program directly with exec.Command(program, arg1, arg2) instead of `sh -c` (or map the value through an allowlist)',
    'flow-code-injection': 'do not evaluate input; pick from an allowlist',
    'flow-sql-injection': 'use a parameterised query: db.Query("… WHERE id = ?", id) (`$1` for PostgreSQL)',
    'flow-path-traversal': 'take filepath.Base(value) and check the cleaned joined path stays under the base directory (or use filepath.IsLocal / os.Root)',
  },
};
