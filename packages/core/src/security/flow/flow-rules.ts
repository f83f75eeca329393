import type { ScanRule } from '../sarif/scan-finding';

/** The input-flow rules: untrusted input reaching a shell, an evaluator, a SQL string or a file path. */
export type FlowRuleId = 'flow-shell-injection' | 'flow-code-injection' | 'flow-sql-injection' | 'flow-path-traversal';

/** One bit per rule, so a taint can carry the set of sinks it has been sanitised for. */
export const FLOW_RULE_BITS: Readonly<Record<FlowRuleId, number>> = {
  'flow-shell-injection': 1,
  'flow-code-injection': 2,
  'flow-sql-injection': 4,
  'flow-path-traversal': 8,
};

/** Every rule's bit: a value safe for all sinks (a number, a boolean, an allowlisted constant). */
export const ALL_FLOW_RULES = 15;

/** Why each sink is dangerous, in the finding's message. */
export const FLOW_DANGER: Readonly<Record<FlowRuleId, string>> = {
  'flow-shell-injection': 'a `;`, `|`, `&&` or `$(…)` in it runs commands of the sender\'s choosing',
  'flow-code-injection': 'it is evaluated as code, so the sender runs anything the process can',
  'flow-sql-injection': 'a quote in it ends the string literal and rewrites the query (read, change or drop any table)',
  'flow-path-traversal': 'a `../` or an absolute path in it reads or writes files outside the intended directory',
};

/** The input-flow rules as reports describe them (category `input-flow`). */
export const FLOW_RULES: readonly ScanRule[] = [
  {
    id: 'flow-shell-injection',
    category: 'input-flow',
    severity: 'critical',
    description: 'Request or event input reaches a shell command',
    help: 'Pass arguments as an array to a process API that runs no shell (`execFile`/`spawn` without `shell: true`, `subprocess.run([...])` without `shell=True`, `exec.Command(program, args...)`), or map the input through an allowlist.',
  },
  {
    id: 'flow-code-injection',
    category: 'input-flow',
    severity: 'critical',
    description: 'Request or event input is evaluated as code',
    help: 'Never evaluate input: parse it as data (`JSON.parse`, `ast.literal_eval`) or map it through an allowlist of known values.',
  },
  {
    id: 'flow-sql-injection',
    category: 'input-flow',
    severity: 'high',
    description: 'Request or event input is built into a SQL string',
    help: "Use a parameterised query: `db.query('… WHERE id = $1', [id])`, `cursor.execute('… WHERE id = %s', (id,))`, `db.Query(\"… WHERE id = ?\", id)`.",
  },
  {
    id: 'flow-path-traversal',
    category: 'input-flow',
    severity: 'high',
    description: 'Request or event input is used as a file path',
    help: 'Take the base name (`path.basename`, `secure_filename`, `filepath.Base`) and check that the resolved path stays under the base directory before opening it.',
  },
];
