import type { ConditionShape, FlowCall, FlowContext, FlowLanguageSpec, FlowSink, FlowTarget, GuardFact, NodeShape, SourceKind } from './flow-language-spec';
import { ALL_FLOW_RULES, FLOW_RULE_BITS } from './flow-rules';
import { flowSyntax, type PathGrammar } from './flow-syntax';
import type { SyntaxNode } from './syntax-node';

const { kids, field, operatorOf } = flowSyntax;

const SKIP = new Set([
  'comment', 'integer', 'float', 'true', 'false', 'none', 'ellipsis', 'import_statement', 'import_from_statement', 'future_import_statement',
  'pass_statement', 'break_statement', 'global_statement', 'nonlocal_statement', 'type', 'type_alias_statement', 'escape_sequence',
]);
const CLEAN_BINARY = new Set(['-', '//', '**', '<<', '>>', '&', '|', '^', '@']);
const REQUEST_FIELDS = 'args|form|values|json|data|files|cookies|headers|view_args|GET|POST|body|META|query_params|path_params|get_json|get_data|stream|query_string|match_info|query|params';
const SOURCE_PATHS: readonly [RegExp, SourceKind][] = [
  [new RegExp(`(?:^|\\.)request\\.(?:${REQUEST_FIELDS})$`), 'input'],
  [/^event\.(?:body|queryStringParameters|multiValueQueryStringParameters|pathParameters|headers)$/, 'input'],
  [/^os\.environ\.GITHUB_EVENT_PATH$/, 'payload-file'],
  [/^os\.environ\.(?:GITHUB_HEAD_REF|GITHUB_EVENT_(?!NAME$)\w+)$/, 'input'],
];
const EXIT_CALLS = new Set(['abort', 'exit', 'sys.exit', 'os._exit', 'flask.abort', 'quit']);
const SUBPROCESS = new Set(['run', 'call', 'check_call', 'check_output', 'Popen']);
const SHELL_ALWAYS = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'commands.getoutput', 'asyncio.create_subprocess_shell', 'create_subprocess_shell']);
const PATH_ONE = new Set(['io.open', 'codecs.open', 'os.open', 'os.remove', 'os.unlink', 'os.rmdir', 'os.removedirs', 'os.listdir', 'os.scandir', 'shutil.rmtree', 'send_file', 'flask.send_file', 'aiofiles.open']);
const PATH_TWO = new Set(['shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.copytree', 'shutil.move', 'os.rename', 'os.replace']);
const PATHLIB_METHODS = new Set(['read_text', 'read_bytes', 'write_text', 'write_bytes', 'unlink', 'rmdir']);
const DB_RECEIVER = /^(?:c|cur|con)$|(?:cursor|conn|connection|db|database|session|engine|tx|transaction|sqlite|sql)$/i;
const CONVERSIONS = new Set(['int', 'float', 'bool', 'complex', 'len', 'abs', 'round', 'ord', 'hash', 'isinstance', 'uuid.UUID', 'UUID', 'decimal.Decimal', 'Decimal']);
const BOOLEAN_METHODS = new Set(['isdigit', 'isalnum', 'isalpha', 'isnumeric', 'isdecimal', 'isidentifier', 'isascii', 'startswith', 'endswith', 'count', 'find', 'index']);

/** A Python string literal's value when it has no interpolation (prefix and quotes removed), or undefined. */
function literalValue(node: SyntaxNode | undefined): string | undefined {
  if (node?.type !== 'string' || kids(node).some((k) => k.type === 'interpolation')) return undefined;
  return kids(node)
    .filter((k) => k.type === 'string_content')
    .map((k) => k.text)
    .join('');
}

const PATHS: PathGrammar = {
  names: ['identifier'],
  member: { attribute: ['object', 'attribute'] },
  index: { subscript: ['value', 'subscript'] },
  indexKey: (index) => {
    const key = literalValue(index);
    return key !== undefined && /^[\w-]+$/.test(key) ? key : undefined;
  },
  call: { call: 'function' },
  wrappers: ['parenthesized_expression'],
};

function pathOf(node: SyntaxNode): string | undefined {
  return flowSyntax.dottedPath(node, PATHS);
}

function callOf(node: SyntaxNode): FlowCall | undefined {
  const callee = field(node, 'function');
  if (!callee) return undefined;
  const argsNode = field(node, 'arguments');
  const args: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  for (const arg of argsNode ? (argsNode.type === 'argument_list' ? kids(argsNode) : [argsNode]) : []) {
    if (arg.type === 'keyword_argument') {
      const name = field(arg, 'name');
      const value = field(arg, 'value');
      if (name && value) keywords.set(name.text, value);
    } else args.push(arg);
  }
  const receiver = callee.type === 'attribute' ? field(callee, 'object') : undefined;
  const name = callee.type === 'attribute' ? (field(callee, 'attribute')?.text ?? '') : callee.type === 'identifier' ? callee.text : '';
  return { node, callee, calleePath: pathOf(callee), name, ...(receiver ? { receiver } : {}), args, keywords, isNew: false, isTagged: false };
}

/** Names bound by a parameter list (defaults and annotations are not names). */
function parameterNames(params: SyntaxNode | undefined): string[] {
  if (!params) return [];
  return kids(params).flatMap((param) => {
    if (param.type === 'identifier') return [param.text];
    const name = field(param, 'name') ?? kids(param).find((k) => k.type === 'identifier');
    return name?.type === 'identifier' ? [name.text] : [];
  });
}

/** Route parameters (`/files/<name>`, `/items/{id}`) and, for FastAPI-style verbs, `str`-typed parameters: request input. */
function routeParameters(definition: SyntaxNode, params: SyntaxNode | undefined): Map<string, SyntaxNode> {
  const tainted = new Map<string, SyntaxNode>();
  const decorated = definition.parent?.type === 'decorated_definition' ? definition.parent : undefined;
  if (!decorated || !params) return tainted;
  const routeNames = new Set<string>();
  let typedInput = false;
  for (const decorator of kids(decorated).filter((k) => k.type === 'decorator')) {
    const call = kids(decorator)[0];
    if (call?.type !== 'call') continue;
    const info = callOf(call);
    if (!info || !/^(?:route|get|post|put|delete|patch|api_route|websocket)$/.test(info.name)) continue;
    const route = literalValue(info.args[0]);
    if (route === undefined) continue;
    for (const match of route.matchAll(/<(?:[^:>]+:)?(\w+)>|\{(\w+)(?::[^}]*)?\}/g)) routeNames.add(match[1] ?? match[2] ?? '');
    if (info.name !== 'route') typedInput = true;
  }
  for (const param of kids(params)) {
    const name = param.type === 'identifier' ? param : (field(param, 'name') ?? kids(param).find((k) => k.type === 'identifier'));
    if (name?.type !== 'identifier') continue;
    const annotation = field(param, 'type')?.text.replace(/\s+/g, '') ?? '';
    if (routeNames.has(name.text) || (typedInput && /^(?:str|Optional\[str\]|str\|None|Union\[str,None\])$/.test(annotation))) tainted.set(name.text, name);
  }
  return tainted;
}

function shape(node: SyntaxNode): NodeShape | undefined {
  const type = node.type;
  if (SKIP.has(type)) return { kind: 'skip' };
  switch (type) {
    case 'module':
    case 'block':
      return { kind: 'block', statements: kids(node) };
    case 'string':
      return kids(node).some((k) => k.type === 'interpolation') ? undefined : { kind: 'skip' };
    case 'identifier':
      return { kind: 'name', name: node.text };
    case 'expression_statement': {
      const call = kids(node)[0];
      const path = call?.type === 'call' ? pathOf(field(call, 'function') ?? call) : undefined;
      return path && EXIT_CALLS.has(path) ? { kind: 'exit', values: kids(node) } : undefined;
    }
    case 'assignment':
    case 'augmented_assignment': {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (!left || !right) return right ? undefined : { kind: 'skip' };
      const targets = /^(?:pattern_list|tuple_pattern|list_pattern)$/.test(left.type) ? kids(left) : [left];
      const values = right.type === 'expression_list' ? kids(right) : [right];
      return { kind: 'assign', targets, values, augment: type === 'augmented_assignment' };
    }
    case 'named_expression': {
      const name = field(node, 'name');
      const value = field(node, 'value');
      return name && value ? { kind: 'assign', targets: [name], values: [value] } : undefined;
    }
    case 'with_item': {
      const value = field(node, 'value');
      if (value?.type !== 'as_pattern') return undefined;
      const alias = field(value, 'alias');
      const target = alias && kids(alias)[0];
      const source = kids(value)[0];
      return target && source ? { kind: 'assign', targets: [target], values: [source] } : undefined;
    }
    case 'if_statement':
    case 'elif_clause': {
      const condition = field(node, 'condition');
      const consequence = field(node, 'consequence');
      const alternatives = kids(node).filter((k) => k.type === 'elif_clause' || k.type === 'else_clause');
      return condition ? { kind: 'if', condition, ...(consequence ? { consequence } : {}), alternatives } : undefined;
    }
    case 'for_statement': {
      const left = field(node, 'left');
      const right = field(node, 'right');
      const body = field(node, 'body');
      const alternative = field(node, 'alternative');
      return { kind: 'loop', head: [], ...(left && right ? { targets: [left], iterable: right } : {}), ...(body ? { body } : {}), tail: alternative ? [alternative] : [] };
    }
    case 'while_statement': {
      const condition = field(node, 'condition');
      const body = field(node, 'body');
      return { kind: 'loop', head: condition ? [condition] : [], ...(body ? { body } : {}) };
    }
    case 'try_statement': {
      const body = field(node, 'body');
      const parts = kids(node);
      const handlers = parts.filter((k) => k.type === 'except_clause' || k.type === 'except_group_clause' || k.type === 'else_clause');
      const finalizer = parts.find((k) => k.type === 'finally_clause');
      return { kind: 'try', ...(body ? { body } : {}), handlers, ...(finalizer ? { finalizer } : {}) };
    }
    case 'return_statement':
    case 'raise_statement':
      return { kind: 'exit', values: kids(node) };
    case 'continue_statement':
      return { kind: 'exit', values: [] };
    case 'function_definition': {
      const params = field(node, 'parameters');
      const body = field(node, 'body');
      return { kind: 'function', params: parameterNames(params), ...(body ? { body } : {}), taintedParams: routeParameters(node, params) };
    }
    case 'lambda': {
      const body = field(node, 'body');
      return { kind: 'function', params: parameterNames(field(node, 'parameters')), ...(body ? { body } : {}) };
    }
    case 'attribute': {
      const object = field(node, 'object');
      return object ? { kind: 'member', object } : undefined;
    }
    case 'subscript': {
      const value = field(node, 'value');
      return value ? { kind: 'member', object: value, also: kids(node).filter((k) => k !== value) } : undefined;
    }
    case 'call': {
      const call = callOf(node);
      return call ? { kind: 'call', call } : undefined;
    }
    case 'keyword_argument': {
      const value = field(node, 'value');
      return { kind: 'only', children: value ? [value] : [] };
    }
    case 'conditional_expression': {
      const [whenTrue, test, whenFalse] = kids(node);
      return { kind: 'choice', ...(test ? { test } : {}), options: [whenTrue, whenFalse].filter((n): n is SyntaxNode => Boolean(n)) };
    }
    case 'comparison_operator':
    case 'not_operator':
    case 'unary_operator':
      return { kind: 'clean', children: kids(node) };
    case 'binary_operator':
      return CLEAN_BINARY.has(operatorOf(node)) ? { kind: 'clean', children: kids(node) } : undefined;
    default:
      return undefined;
  }
}

function targetsOf(target: SyntaxNode): FlowTarget[] {
  switch (target.type) {
    case 'identifier':
      return [{ node: target }];
    case 'attribute':
    case 'subscript': {
      if (pathOf(target) !== undefined) return [{ node: target }];
      const object = field(target, target.type === 'attribute' ? 'object' : 'value');
      return object && pathOf(object) !== undefined ? [{ node: object, weak: true }] : [];
    }
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'expression_list':
    case 'tuple':
    case 'list':
    case 'list_splat_pattern':
    case 'as_pattern_target':
    case 'parenthesized_expression':
      return kids(target).flatMap(targetsOf);
    default:
      return [];
  }
}

function sourceOf(path: string): SourceKind | undefined {
  for (const [pattern, kind] of SOURCE_PATHS) if (pattern.test(path)) return kind;
  return undefined;
}

function callSourceOf(call: FlowCall): SourceKind | undefined {
  if (call.calleePath !== 'os.getenv' && call.calleePath !== 'os.environ.get') return undefined;
  const key = literalValue(call.args[0]);
  return key === undefined ? undefined : sourceOf(`os.environ.${key}`);
}

function sinkOf(call: FlowCall, context: FlowContext): FlowSink | undefined {
  const { name, args, calleePath = '' } = call;
  const bare = !call.receiver && call.callee.type === 'identifier';
  if (SHELL_ALWAYS.has(calleePath)) return { rule: 'flow-shell-injection', args: [0] };
  if (SUBPROCESS.has(name) && (calleePath === `subprocess.${name}` || (bare && context.facts.has('subprocess')))) {
    const shell = call.keywords.get('shell');
    if (shell && shell.type !== 'false' && shell.text !== '0') return { rule: 'flow-shell-injection', args: [0] };
    const list = args[0];
    if (list?.type === 'list' || list?.type === 'tuple') {
      const elements = kids(list);
      const program = literalValue(elements[0]);
      if (program !== undefined && flowSyntax.isShellProgram(program) && elements.some((e) => /^(?:-c|\/c|-Command)$/.test(literalValue(e) ?? ''))) return { rule: 'flow-shell-injection', args: [0] };
    }
    return undefined;
  }
  if (bare && (name === 'eval' || name === 'exec' || name === 'compile' || name === 'execfile')) return { rule: 'flow-code-injection', args: [0] };
  if (name === 'execute' || name === 'executemany' || name === 'executescript') {
    const receiver = call.receiver ? (pathOf(call.receiver) ?? call.receiver.text) : '';
    return { rule: 'flow-sql-injection', args: [0], ...(DB_RECEIVER.test(flowSyntax.lastName(receiver)) ? {} : { requireSql: true }) };
  }
  if (name === 'raw' && call.receiver && /\bobjects$/.test(call.receiver.text)) return { rule: 'flow-sql-injection', args: [0] };
  if (/^(?:pd|pandas)\.read_sql(?:_query)?$/.test(calleePath) || (bare && /^read_sql(?:_query)?$/.test(name))) return { rule: 'flow-sql-injection', args: [0] };
  if ((bare && name === 'open') || PATH_ONE.has(calleePath) || (bare && name === 'send_file')) return { rule: 'flow-path-traversal', args: [0] };
  if (PATH_TWO.has(calleePath)) return { rule: 'flow-path-traversal', args: [0, 1] };
  if (call.receiver && (PATHLIB_METHODS.has(name) || (name === 'open' && /^(?:pathlib\.)?Path\(/.test(call.receiver.text)))) {
    return { rule: 'flow-path-traversal', args: [], receiver: true };
  }
  return undefined;
}

function sanitizerOf(call: FlowCall): number {
  const { name, calleePath = '' } = call;
  const bare = !call.receiver;
  if ((bare && CONVERSIONS.has(name)) || CONVERSIONS.has(calleePath)) return ALL_FLOW_RULES;
  if (call.receiver && BOOLEAN_METHODS.has(name)) return ALL_FLOW_RULES;
  if (/^(?:int|float|bool)$/.test(call.keywords.get('type')?.text ?? '')) return ALL_FLOW_RULES;
  if (/sanitiz|validat|secure_filename/i.test(name)) return ALL_FLOW_RULES;
  if (calleePath === 're.sub' && /\[\^/.test(literalValue(call.args[0]) ?? '') && literalValue(call.args[1]) === '') return ALL_FLOW_RULES;
  if (/^(?:shlex\.quote|pipes\.quote|shlex\.join|quote|shell_quote)$/.test(calleePath)) return FLOW_RULE_BITS['flow-shell-injection'];
  if (/^(?:os\.path\.basename|posixpath\.basename|basename|safe_join|werkzeug\.security\.safe_join|werkzeug\.utils\.safe_join|flask\.safe_join)$/.test(calleePath)) {
    return FLOW_RULE_BITS['flow-path-traversal'];
  }
  if (/^(?:sql\.Identifier|sql\.Literal|Identifier|Literal|escape_string|quote_ident|escape_identifier)$/.test(calleePath) || (call.receiver && /^(?:escape|escape_string|literal)$/.test(name))) {
    return FLOW_RULE_BITS['flow-sql-injection'];
  }
  return 0;
}

/** The variable inside path normalisers: `os.path.realpath(p).startswith(base)` checks `p`'s resolved form. */
function unwrapPath(node: SyntaxNode): SyntaxNode {
  if (node.type === 'call') {
    const call = callOf(node);
    if (call && /^(?:realpath|abspath|normpath|resolve|str|Path)$/.test(call.name) && call.args.length === 1 && call.args[0]) return unwrapPath(call.args[0]);
  }
  if (node.type === 'parenthesized_expression' && kids(node)[0]) return unwrapPath(kids(node)[0]!);
  return node;
}

function conditionFacts(node: SyntaxNode): GuardFact[] {
  if (node.type === 'comparison_operator') {
    const [left, right] = kids(node);
    const op = operatorOf(node);
    if (!left || !right) return [];
    if (op === 'in' || op === 'not in') {
      const literal = literalValue(left);
      if (literal !== undefined) {
        const path = pathOf(right);
        return path && /\.\.|^[/\\]$/.test(literal) ? [{ path, bits: FLOW_RULE_BITS['flow-path-traversal'], when: op !== 'in' }] : [];
      }
      const path = pathOf(left);
      return path ? [{ path, bits: ALL_FLOW_RULES, when: op === 'in' }] : [];
    }
    if (op === '==' || op === '!=') {
      const [subject, other] = right.type === 'string' || right.type === 'integer' ? [left, right] : [right, left];
      const path = pathOf(subject);
      return path && (literalValue(other) !== undefined || other.type === 'integer') ? [{ path, bits: ALL_FLOW_RULES, when: op === '==' }] : [];
    }
    return [];
  }
  if (node.type !== 'call') return [];
  const call = callOf(node);
  if (!call) return [];
  const receiverPath = call.receiver && pathOf(unwrapPath(call.receiver));
  if (/^(?:isdigit|isalnum|isalpha|isnumeric|isdecimal|isidentifier)$/.test(call.name)) return receiverPath ? [{ path: receiverPath, bits: ALL_FLOW_RULES, when: true }] : [];
  if (call.name === 'startswith') return receiverPath ? [{ path: receiverPath, bits: FLOW_RULE_BITS['flow-path-traversal'], when: true }] : [];
  if (call.name === 'match' || call.name === 'fullmatch' || call.name === 'search') {
    const subject = call.calleePath?.startsWith('re.') ? call.args[1] : call.args[0];
    const path = subject && pathOf(subject);
    if (!path) return [];
    const pattern = call.calleePath?.startsWith('re.') ? (literalValue(call.args[0]) ?? '') : '';
    if (call.name === 'search') return /^\[\^/.test(pattern) ? [{ path, bits: ALL_FLOW_RULES, when: false }] : [];
    return [{ path, bits: ALL_FLOW_RULES, when: true }];
  }
  if (call.name === 'isinstance') {
    const path = call.args[0] && pathOf(call.args[0]);
    return path && /^(?:int|float|bool)$/.test(call.args[1]?.text ?? '') ? [{ path, bits: ALL_FLOW_RULES, when: true }] : [];
  }
  const path = call.args[0] && pathOf(call.args[0]);
  return path && /^(?:is_(?:valid|safe|allowed)|validate|valid_|allowed_)/.test(call.name) ? [{ path, bits: ALL_FLOW_RULES, when: true }] : [];
}

function condition(node: SyntaxNode): ConditionShape | undefined {
  if (node.type === 'parenthesized_expression') {
    const inner = kids(node)[0];
    return inner ? { kind: 'wrap', inner } : undefined;
  }
  if (node.type === 'not_operator') {
    const operand = field(node, 'argument');
    return operand ? { kind: 'not', operand } : undefined;
  }
  if (node.type === 'boolean_operator') {
    const left = field(node, 'left');
    const right = field(node, 'right');
    const op = operatorOf(node);
    if (left && right && (op === 'and' || op === 'or')) return { kind: op, left, right };
  }
  const facts = conditionFacts(node);
  return facts.length > 0 ? { kind: 'facts', facts } : undefined;
}

/** Python: Flask, Django, FastAPI and Lambda request input, the GitHub event payload, shells, eval, DB-API, files. */
export const pythonFlowSpec: FlowLanguageSpec = {
  shape,
  pathOf,
  sourceOf,
  callSourceOf,
  sanitizerOf,
  parsesPayload: (call) => /^(?:json\.loads?|yaml\.safe_load|yaml\.load)$/.test(call.calleePath ?? ''),
  sinkOf,
  targetsOf,
  condition,
  fileFacts: (text) => new Set(/\bsubprocess\b/.test(text) ? ['subprocess'] : []),
  stringBuildTypes: new Set(['binary_operator', 'string', 'concatenated_string']),
  fixes: {
    'flow-shell-injection': "pass a list to subprocess.run(['prog', value]) without shell=True (or shlex.quote the value)",
    'flow-code-injection': 'do not evaluate input: parse it as data (json.loads, ast.literal_eval) or pick from an allowlist',
    'flow-sql-injection': "use a parameterised query: cursor.execute('… WHERE id = %s', (value,))",
    'flow-path-traversal': 'use secure_filename / os.path.basename and check os.path.realpath(full).startswith(base + os.sep) (or send_from_directory)',
  },
};
