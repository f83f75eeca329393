import type { ConditionShape, FlowCall, FlowContext, FlowLanguageSpec, FlowSink, FlowTarget, GuardFact, NodeShape, SourceKind } from './flow-language-spec';
import { ALL_FLOW_RULES, FLOW_RULE_BITS } from './flow-rules';
import { flowSyntax, type PathGrammar } from './flow-syntax';
import type { SyntaxNode } from './syntax-node';

const { kids, field, operatorOf } = flowSyntax;

const SKIP = new Set([
  'comment', 'string', 'number', 'regex', 'true', 'false', 'null', 'undefined', 'property_identifier', 'private_property_identifier',
  'statement_identifier', 'type_identifier', 'import_statement', 'type_annotation', 'type_arguments', 'type_parameters',
  'type_alias_declaration', 'interface_declaration', 'abstract_method_signature', 'ambient_declaration', 'predefined_type',
  'hash_bang_line', 'debugger_statement', 'empty_statement', 'break_statement',
]);
const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function']);
const CLEAN_BINARY = new Set(['===', '!==', '==', '!=', '<', '>', '<=', '>=', 'instanceof', 'in', '-', '*', '/', '%', '**', '<<', '>>', '>>>', '&', '|', '^']);
const LITERALS = new Set(['string', 'number', 'template_string', 'true', 'false', 'null']);

/** Request, Lambda-event and GitHub-event reads; the event payload file's path is read once parsed. */
const SOURCE_PATHS: readonly [RegExp, SourceKind][] = [
  [/^(?:req|request)\.(?:query|body|params|headers|cookies|signedCookies|files?|url|originalUrl|path|hostname|nextUrl)$/, 'input'],
  [/^req\.(?:get|header|param)$/, 'input'],
  [/^request\.(?:json|formData|text)$/, 'input'],
  [/^ctx\.(?:query|params|request|querystring|headers|header|cookies)$/, 'input'],
  [/^event\.(?:body|queryStringParameters|multiValueQueryStringParameters|pathParameters|headers)$/, 'input'],
  [/^(?:github\.)?context\.payload$/, 'input'],
  [/^process\.env\.GITHUB_EVENT_PATH$/, 'payload-file'],
  [/^process\.env\.(?:GITHUB_HEAD_REF|GITHUB_EVENT_(?!NAME$)\w+)$/, 'input'],
];

const CHILD_PROCESS_RECEIVER = /^(?:child_?process|childProcess|cp|proc)$|require\(\s*['"](?:node:)?child_process['"]\s*\)/;
const SPAWNERS = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork', 'execa', 'execaSync']);
const DB_RECEIVER = /(?:db|database|conn|connection|client|pool|sql|knex|sequelize|prisma|pg|mysql|sqlite|tx|trx|transaction|queryRunner|manager|dataSource|repo|repository)$/i;
const SQL_STRONG = new Set(['query', 'execute', 'raw', 'whereRaw', 'orWhereRaw', 'havingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'unsafe', 'literal']);
const SQL_UNSAFE = new Set(['$queryRawUnsafe', '$executeRawUnsafe', 'queryRawUnsafe', 'executeRawUnsafe']);
const SQL_WEAK = new Set(['run', 'all', 'get', 'each', 'exec', 'prepare']);
const FS_RECEIVER = /^(?:fs|fsp|fse|fsPromises|fsExtra|fs\.promises|promises)$/;
const FS_ONE = new Set([
  'readFile', 'readFileSync', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createReadStream', 'createWriteStream',
  'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'readdir', 'readdirSync', 'open', 'openSync', 'truncate', 'truncateSync',
  'outputFile', 'outputFileSync', 'readJson', 'readJsonSync', 'remove', 'removeSync',
]);
const FS_TWO = new Set(['copyFile', 'copyFileSync', 'rename', 'renameSync', 'cp', 'cpSync', 'copy', 'copySync', 'move', 'moveSync', 'symlink', 'symlinkSync']);
const NUMBER_OR_BOOLEAN_METHODS = new Set(['includes', 'has', 'test', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'some', 'every', 'localeCompare', 'getTime', 'charCodeAt', 'codePointAt', 'search', 'findIndex']);
const CONVERSIONS = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean', 'BigInt', 'isNaN', 'isFinite']);
const VALIDATOR_NAME = /^(?:is(?:Valid|Safe|Allowed|Alpha|Alphanumeric|Numeric|Int|Integer|SafeInteger|Finite|UUID|Uuid|Hex|Slug|Whitelisted)|validate|valid|allow)/;

/** A JavaScript or TypeScript string literal's value (no interpolation), or undefined. */
function literalValue(node: SyntaxNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return node.text.slice(1, -1);
  if (node.type === 'template_string' && !kids(node).some((k) => k.type === 'template_substitution')) return node.text.slice(1, -1);
  return undefined;
}

const PATHS: PathGrammar = {
  names: ['identifier', 'shorthand_property_identifier', 'shorthand_property_identifier_pattern', 'this'],
  member: { member_expression: ['object', 'property'] },
  index: { subscript_expression: ['object', 'index'] },
  indexKey: (index) => {
    const key = index?.type === 'number' ? index.text : literalValue(index);
    return key !== undefined && !key.includes('.') ? key : undefined;
  },
  call: { call_expression: 'function' },
  acceptsCall: (node) => flowSyntax.field(node, 'arguments')?.type === 'arguments',
  wrappers: ['parenthesized_expression', 'non_null_expression', 'as_expression', 'satisfies_expression', 'await_expression'],
};

function pathOf(node: SyntaxNode): string | undefined {
  return flowSyntax.dottedPath(node, PATHS);
}

function callOf(node: SyntaxNode): FlowCall | undefined {
  const isNew = node.type === 'new_expression';
  const callee = field(node, isNew ? 'constructor' : 'function');
  if (!callee) return undefined;
  const argsNode = field(node, 'arguments');
  const isTagged = argsNode?.type === 'template_string';
  const args = argsNode ? (isTagged ? [argsNode] : kids(argsNode)) : [];
  const receiver = callee.type === 'member_expression' ? field(callee, 'object') : undefined;
  const name = callee.type === 'member_expression' ? (field(callee, 'property')?.text ?? '') : callee.type === 'identifier' || callee.type === 'import' ? callee.text : '';
  return { node, callee, calleePath: pathOf(callee), name, ...(receiver ? { receiver } : {}), args, keywords: new Map(), isNew, isTagged };
}

function functionShape(node: SyntaxNode): NodeShape {
  const params = field(node, 'parameters') ?? field(node, 'parameter');
  const names: string[] = [];
  const collect = (n: SyntaxNode) => {
    if (n.type === 'identifier' || n.type === 'shorthand_property_identifier_pattern') names.push(n.text);
    else if (n.type !== 'type_annotation') for (const k of kids(n)) collect(k);
  };
  if (params) collect(params);
  const body = field(node, 'body');
  return { kind: 'function', params: names, ...(body ? { body } : {}) };
}

function exitCall(statement: SyntaxNode): boolean {
  const expression = kids(statement)[0];
  if (expression?.type !== 'call_expression') return false;
  const path = pathOf(field(expression, 'function') ?? expression);
  return path === 'process.exit';
}

function shape(node: SyntaxNode): NodeShape | undefined {
  const type = node.type;
  if (SKIP.has(type)) return { kind: 'skip' };
  if (FUNCTIONS.has(type)) return functionShape(node);
  switch (type) {
    case 'program':
    case 'statement_block':
      return { kind: 'block', statements: kids(node) };
    case 'identifier':
    case 'shorthand_property_identifier':
    case 'this':
      return { kind: 'name', name: node.text };
    case 'variable_declarator': {
      const name = field(node, 'name');
      const value = field(node, 'value');
      return name ? { kind: 'assign', targets: [name], values: value ? [value] : [] } : undefined;
    }
    case 'assignment_expression':
    case 'augmented_assignment_expression': {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (!left || !right) return undefined;
      return { kind: 'assign', targets: [left], values: [right], augment: type === 'augmented_assignment_expression' };
    }
    case 'if_statement': {
      const condition = field(node, 'condition');
      const consequence = field(node, 'consequence');
      const alternative = field(node, 'alternative');
      return condition ? { kind: 'if', condition, ...(consequence ? { consequence } : {}), alternatives: alternative ? [alternative] : [] } : undefined;
    }
    case 'for_statement': {
      const head = ['initializer', 'condition'].flatMap((f) => field(node, f) ?? []);
      const increment = field(node, 'increment');
      const body = field(node, 'body');
      return { kind: 'loop', head, tail: increment ? [increment] : [], ...(body ? { body } : {}) };
    }
    case 'for_in_statement': {
      const left = field(node, 'left');
      const right = field(node, 'right');
      const body = field(node, 'body');
      return { kind: 'loop', head: [], ...(left && right ? { targets: [left], iterable: right } : {}), ...(body ? { body } : {}) };
    }
    case 'while_statement':
    case 'do_statement': {
      const condition = field(node, 'condition');
      const body = field(node, 'body');
      const conditionList = condition ? [condition] : [];
      return { kind: 'loop', head: type === 'while_statement' ? conditionList : [], tail: type === 'do_statement' ? conditionList : [], ...(body ? { body } : {}) };
    }
    case 'switch_statement': {
      const value = field(node, 'value');
      const body = field(node, 'body');
      return { kind: 'branches', head: value ? [value] : [], branches: body ? kids(body) : [] };
    }
    case 'try_statement': {
      const body = field(node, 'body');
      const handler = field(node, 'handler');
      const finalizer = field(node, 'finalizer');
      return { kind: 'try', ...(body ? { body } : {}), handlers: handler ? [handler] : [], ...(finalizer ? { finalizer } : {}) };
    }
    case 'return_statement':
    case 'throw_statement':
      return { kind: 'exit', values: kids(node) };
    case 'continue_statement':
      return { kind: 'exit', values: [] };
    case 'expression_statement':
      return exitCall(node) ? { kind: 'exit', values: kids(node) } : undefined;
    case 'member_expression': {
      const object = field(node, 'object');
      if (!object) return undefined;
      if (field(node, 'property')?.text === 'length') return { kind: 'clean', children: [object] };
      return { kind: 'member', object };
    }
    case 'subscript_expression': {
      const object = field(node, 'object');
      const index = field(node, 'index');
      return object ? { kind: 'member', object, also: index ? [index] : [] } : undefined;
    }
    case 'call_expression':
    case 'new_expression': {
      const call = callOf(node);
      return call ? { kind: 'call', call } : undefined;
    }
    case 'ternary_expression': {
      const condition = field(node, 'condition');
      const options = ['consequence', 'alternative'].flatMap((f) => field(node, f) ?? []);
      return { kind: 'choice', ...(condition ? { test: condition } : {}), options };
    }
    case 'binary_expression':
      return CLEAN_BINARY.has(operatorOf(node)) ? { kind: 'clean', children: kids(node) } : undefined;
    case 'unary_expression':
    case 'update_expression':
      return { kind: 'clean', children: kids(node) };
    case 'pair': {
      const key = field(node, 'key');
      const value = field(node, 'value');
      return { kind: 'only', children: [...(key?.type === 'computed_property_name' ? [key] : []), ...(value ? [value] : [])] };
    }
    default:
      return undefined;
  }
}

function targetsOf(target: SyntaxNode): FlowTarget[] {
  switch (target.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
    case 'this':
      return [{ node: target }];
    case 'member_expression':
    case 'subscript_expression': {
      if (pathOf(target) !== undefined) return [{ node: target }];
      const object = field(target, 'object');
      return object && pathOf(object) !== undefined ? [{ node: object, weak: true }] : [];
    }
    case 'object_pattern':
      return kids(target).flatMap((entry): FlowTarget[] => {
        if (entry.type === 'shorthand_property_identifier_pattern') return [{ node: entry, key: entry.text }];
        if (entry.type === 'object_assignment_pattern') {
          const left = field(entry, 'left');
          return left ? targetsOf(left).map((t) => ({ ...t, key: left.text })) : [];
        }
        if (entry.type === 'pair_pattern') {
          const keyNode = field(entry, 'key');
          const value = field(entry, 'value');
          const key = keyNode ? (literalValue(keyNode) ?? keyNode.text) : undefined;
          if (!value) return [];
          return targetsOf(value).map((t) => (key === undefined || keyNode?.type === 'computed_property_name' ? { node: t.node } : { ...t, key: t.key !== undefined ? `${key}.${t.key}` : key }));
        }
        return targetsOf(entry).map((t) => ({ node: t.node }));
      });
    case 'array_pattern':
    case 'rest_pattern':
      return kids(target).flatMap((entry) => targetsOf(entry).map((t) => ({ node: t.node })));
    case 'assignment_pattern':
    case 'object_assignment_pattern': {
      const left = field(target, 'left');
      return left ? targetsOf(left) : [];
    }
    case 'parenthesized_expression':
    case 'non_null_expression':
    case 'as_expression':
      return kids(target).slice(0, 1).flatMap(targetsOf);
    default:
      return [];
  }
}

function sourceOf(path: string): SourceKind | undefined {
  for (const [pattern, kind] of SOURCE_PATHS) if (pattern.test(path)) return kind;
  return undefined;
}

function receiverName(call: FlowCall): string {
  if (!call.receiver) return '';
  return pathOf(call.receiver) ?? call.receiver.text;
}

function hasShellOption(args: readonly SyntaxNode[]): boolean {
  return args.some((arg) => arg.type === 'object' && /\bshell\s*:\s*(?!false\b|null\b|undefined\b)[^\s,}]/.test(arg.text));
}

function sinkOf(call: FlowCall, context: FlowContext): FlowSink | undefined {
  const { name, args } = call;
  const receiver = receiverName(call);
  const bare = !call.receiver && call.callee.type === 'identifier';
  const importsChildProcess = context.facts.has('child_process');
  if (!call.isNew && (name === 'exec' || name === 'execSync' || (bare && /^exec(?:Async|Promise|P)$/.test(name)))) {
    if (CHILD_PROCESS_RECEIVER.test(receiver) || (bare && importsChildProcess) || /^(?:shell|shelljs)$/.test(receiver)) return { rule: 'flow-shell-injection', args: [0] };
  }
  if (SPAWNERS.has(name) && (CHILD_PROCESS_RECEIVER.test(receiver) || (bare && (importsChildProcess || context.facts.has('execa'))))) {
    if (hasShellOption(args.slice(1))) return { rule: 'flow-shell-injection', args: [0, 1] };
    const program = literalValue(args[0]);
    const list = args[1];
    if (program !== undefined && flowSyntax.isShellProgram(program) && list?.type === 'array' && kids(list).some((k) => /^['"]?(?:-c|\/c|-Command)['"]?$/.test(k.text))) {
      return { rule: 'flow-shell-injection', args: [1] };
    }
    return { rule: 'flow-shell-injection', args: [0] };
  }
  if (bare && (name === 'eval' || name === 'require' || name === 'import')) return { rule: 'flow-code-injection', args: [0] };
  if (call.callee.type === 'import') return { rule: 'flow-code-injection', args: [0] };
  if (name === 'Function' && (bare || receiver === 'window' || receiver === 'globalThis')) return { rule: 'flow-code-injection', args: args.map((_, i) => i) };
  if ((name === 'setTimeout' || name === 'setInterval') && (bare || /^(?:window|globalThis|global)$/.test(receiver))) return { rule: 'flow-code-injection', args: [0] };
  if (receiver === 'vm' && /^(?:runInNewContext|runInThisContext|runInContext|compileFunction|Script)$/.test(name)) return { rule: 'flow-code-injection', args: [0] };
  if (bare && name === 'Script' && call.isNew && context.facts.has('vm')) return { rule: 'flow-code-injection', args: [0] };
  if (call.receiver && (SQL_STRONG.has(name) || SQL_UNSAFE.has(name) || SQL_WEAK.has(name))) {
    const query = args[0];
    // A config object (`{ text, values }`) or a literal is a parameterised query: still a query (its rows are not
    // input), with nothing to report.
    if (!query || query.type === 'object' || query.type === 'array' || literalValue(query) !== undefined) return { rule: 'flow-sql-injection', args: [] };
    const dbLike = DB_RECEIVER.test(flowSyntax.lastName(receiver)) && !CHILD_PROCESS_RECEIVER.test(receiver);
    if (SQL_UNSAFE.has(name)) return { rule: 'flow-sql-injection', args: [0] };
    if (SQL_STRONG.has(name)) return { rule: 'flow-sql-injection', args: [0], ...(dbLike ? {} : { requireSql: true }) };
    if (dbLike) return { rule: 'flow-sql-injection', args: [0], requireSql: true };
  }
  if ((FS_ONE.has(name) || FS_TWO.has(name)) && (FS_RECEIVER.test(receiver) || (bare && context.facts.has('fs')))) {
    return { rule: 'flow-path-traversal', args: FS_TWO.has(name) ? [0, 1] : [0] };
  }
  if (/^(?:res|response)$/.test(receiver)) {
    if (name === 'sendFile' && !args.slice(1).some((a) => a.type === 'object' && /\broot\s*:/.test(a.text))) return { rule: 'flow-path-traversal', args: [0] };
    if (name === 'download') return { rule: 'flow-path-traversal', args: [0] };
  }
  return undefined;
}

function sanitizerOf(call: FlowCall): number {
  const { name, calleePath = '' } = call;
  const bare = !call.receiver;
  if (bare && CONVERSIONS.has(name)) return ALL_FLOW_RULES;
  if (/^(?:Math|Number|Date)\./.test(calleePath)) return ALL_FLOW_RULES;
  if (call.receiver && NUMBER_OR_BOOLEAN_METHODS.has(name)) return ALL_FLOW_RULES;
  if (/sanitiz|validat/i.test(name)) return ALL_FLOW_RULES;
  if ((name === 'replace' || name === 'replaceAll') && call.args[0]?.type === 'regex' && /\[\^/.test(call.args[0].text) && literalValue(call.args[1]) === '') return ALL_FLOW_RULES;
  if (/^(?:shellEscape|shellescape|escapeShellArg|escapeShell|shellQuote|quote)$/.test(name)) return FLOW_RULE_BITS['flow-shell-injection'];
  if (bare && name === 'encodeURIComponent') return FLOW_RULE_BITS['flow-shell-injection'];
  if (name === 'basename' && (bare || /^path(?:\.posix|\.win32)?$/.test(receiverName(call)))) return FLOW_RULE_BITS['flow-path-traversal'];
  if (/^(?:escape|escapeId|escapeLiteral|escapeIdentifier|format)$/.test(name) && call.receiver && /^(?:mysql|SqlString|sqlstring|pg|connection|conn|pool|db|client)$/.test(receiverName(call))) {
    return FLOW_RULE_BITS['flow-sql-injection'];
  }
  return 0;
}

/** Facts of a JS condition atom: allowlist membership, equality with a literal, regex and prefix checks, validators. */
function conditionFacts(node: SyntaxNode): GuardFact[] {
  if (node.type === 'binary_expression') {
    const op = operatorOf(node);
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (!left || !right) return [];
    if (op === 'in') {
      const path = pathOf(left);
      return path ? [{ path, bits: ALL_FLOW_RULES, when: true }] : [];
    }
    const indexOf = [left, right].find((side) => side.type === 'call_expression' && callOf(side)?.name === 'indexOf');
    if (indexOf) {
      const searched = callOf(indexOf)?.args[0];
      const path = searched && pathOf(searched);
      const bound = (indexOf === left ? right : left).text.replace(/\s+/g, '');
      const flipped = indexOf === right;
      const relation = flipped ? ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, string>)[op] ?? op : op;
      if (!path) return [];
      if (bound === '-1' && /^[!=]==?$/.test(relation)) return [{ path, bits: ALL_FLOW_RULES, when: relation.startsWith('!') }];
      if ((relation === '<' && bound === '0') || (relation === '<=' && bound === '-1')) return [{ path, bits: ALL_FLOW_RULES, when: false }];
      if ((relation === '>=' && bound === '0') || (relation === '>' && bound === '-1')) return [{ path, bits: ALL_FLOW_RULES, when: true }];
      return [];
    }
    const equal = op === '===' || op === '==';
    if (equal || op === '!==' || op === '!=') {
      const [subject, other] = LITERALS.has(right.type) ? [left, right] : [right, left];
      if (subject.type === 'unary_expression' && operatorOf(subject) === 'typeof') {
        const operand = kids(subject)[0];
        const path = operand && pathOf(operand);
        const literal = literalValue(other);
        return path && (literal === 'number' || literal === 'boolean') ? [{ path, bits: ALL_FLOW_RULES, when: equal }] : [];
      }
      const path = pathOf(subject);
      return path && literalValue(other) !== undefined ? [{ path, bits: ALL_FLOW_RULES, when: equal }] : [];
    }
    return [];
  }
  if (node.type !== 'call_expression') return [];
  const call = callOf(node);
  if (!call) return [];
  const arg0 = call.args[0];
  const argPath = arg0 && pathOf(arg0);
  const receiverPath = call.receiver && pathOf(unwrapPath(call.receiver));
  switch (call.name) {
    case 'includes':
    case 'has': {
      const literal = literalValue(arg0);
      if (literal !== undefined) return receiverPath && /\.\.|^[/\\]$/.test(literal) ? [{ path: receiverPath, bits: FLOW_RULE_BITS['flow-path-traversal'], when: false }] : [];
      return argPath ? [{ path: argPath, bits: ALL_FLOW_RULES, when: true }] : [];
    }
    case 'test': {
      if (!argPath || !call.receiver) return [];
      if (call.receiver.type === 'regex') {
        const pattern = field(call.receiver, 'pattern')?.text ?? '';
        if (/^\^.*\$$/.test(pattern)) return [{ path: argPath, bits: ALL_FLOW_RULES, when: true }];
        if (/^\[\^/.test(pattern)) return [{ path: argPath, bits: ALL_FLOW_RULES, when: false }];
        if (/\\\.\\\./.test(pattern)) return [{ path: argPath, bits: FLOW_RULE_BITS['flow-path-traversal'], when: false }];
        return [];
      }
      return [{ path: argPath, bits: ALL_FLOW_RULES, when: true }];
    }
    case 'match': {
      const pattern = arg0?.type === 'regex' ? (field(arg0, 'pattern')?.text ?? '') : '';
      return receiverPath && /^\^.*\$$/.test(pattern) ? [{ path: receiverPath, bits: ALL_FLOW_RULES, when: true }] : [];
    }
    case 'startsWith':
      return receiverPath ? [{ path: receiverPath, bits: FLOW_RULE_BITS['flow-path-traversal'], when: true }] : [];
    case 'isNaN':
      return argPath ? [{ path: argPath, bits: ALL_FLOW_RULES, when: false }] : [];
    default:
      return argPath && VALIDATOR_NAME.test(call.name) ? [{ path: argPath, bits: ALL_FLOW_RULES, when: true }] : [];
  }
}

/** `path.resolve(base, name)` checked by prefix guards the variable it was stored in; unwrap only no-op wrappers. */
function unwrapPath(node: SyntaxNode): SyntaxNode {
  if (node.type === 'parenthesized_expression' || node.type === 'non_null_expression' || node.type === 'as_expression') {
    const inner = kids(node)[0];
    return inner ? unwrapPath(inner) : node;
  }
  return node;
}

function condition(node: SyntaxNode): ConditionShape | undefined {
  return flowSyntax.cStyleCondition(node, 'argument', conditionFacts);
}

/** Which process, file and vm modules the file names, so a bare `exec(…)` or `readFile(…)` can be told apart. */
function fileFacts(text: string): Set<string> {
  const facts = new Set<string>();
  if (text.includes('child_process')) facts.add('child_process');
  if (text.includes('execa')) facts.add('execa');
  if (/['"](?:node:)?vm['"]/.test(text)) facts.add('vm');
  for (const match of text.matchAll(/['"](?:node:)?(fs|fs\/promises|fs-extra)['"]/g)) if (match[1]) facts.add('fs');
  return facts;
}

/** JavaScript, TypeScript, JSX and TSX (one spec: the grammars share these node types). */
export const javascriptFlowSpec: FlowLanguageSpec = {
  shape,
  pathOf,
  sourceOf,
  sanitizerOf,
  parsesPayload: (call) => call.calleePath === 'JSON.parse' || (!call.receiver && call.name === 'require'),
  sinkOf,
  targetsOf,
  condition,
  fileFacts,
  stringBuildTypes: new Set(['binary_expression', 'template_string']),
  fixes: {
    'flow-shell-injection': 'pass the arguments as an array to execFile/spawn without `shell: true` (or map the value through an allowlist)',
    'flow-code-injection': 'do not evaluate input: parse it as data (JSON.parse) or pick the code from an allowlist',
    'flow-sql-injection': "use a parameterised query: db.query('… WHERE id = $1', [id]) (or the driver's `?` placeholders)",
    'flow-path-traversal': 'take path.basename(value) and check the resolved path stays under the base directory (path.resolve(base, name).startsWith(base + path.sep))',
  },
};
