/** The variables a query, URL or command template may use. */
export const TEMPLATE_VARIABLES = ['environment', 'track', 'version', 'window', 'labels'] as const;
/** A template variable's name. */
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w-]*)\s*\}\}/g;

/** Why a template is malformed (unknown variable, unclosed `{{`), or undefined when it is fine; for config checks. */
export function checkTemplate(template: string, allowed: readonly TemplateVariable[] = TEMPLATE_VARIABLES): string | undefined {
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!(allowed as readonly string[]).includes(name)) return `unknown variable {{${name}}} (known: ${allowed.map((v) => `{{${v}}}`).join(', ')})`;
  }
  const rest = template.replace(PLACEHOLDER, '');
  // PromQL may wrap a variable in its own braces (`metric{{{labels}}}`); what is left must then be single braces.
  if (/\{\{/.test(rest) || /\}\}/.test(rest)) return `unbalanced {{ }} in ${JSON.stringify(template)}`;
  return undefined;
}

/** The variables a template uses. */
export function templateVariables(template: string): TemplateVariable[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] as TemplateVariable))];
}

/**
 * Fills `{{name}}` placeholders; `encode` escapes each value for where it lands (a PromQL string, a URL). Returns
 * the variables that have no value instead of rendering a half-filled template.
 */
export function renderTemplate(
  template: string,
  values: Partial<Record<TemplateVariable, string>>,
  encode: (value: string, variable: TemplateVariable) => string = (value) => value,
): { ok: true; text: string } | { ok: false; missing: TemplateVariable[] } {
  const missing = templateVariables(template).filter((name) => values[name] === undefined);
  if (missing.length > 0) return { ok: false, missing };
  return { ok: true, text: template.replace(PLACEHOLDER, (_all, name: TemplateVariable) => encode(values[name] as string, name)) };
}
