import type { FlowLanguage } from './flow-language-spec';

/** Words every source of a language contains; a file without any cannot have an input flow. */
const SOURCE_WORDS: Readonly<Record<FlowLanguage, RegExp>> = {
  javascript: /\b(?:req|request|ctx|event)\b|context\.payload|GITHUB_/,
  typescript: /\b(?:req|request|ctx|event)\b|context\.payload|GITHUB_/,
  python: /\b(?:request|event)\b|GITHUB_|\.(?:route|get|post|put|delete|patch|api_route|websocket)\(/,
  go: /\bhttp\.Request\b|\b(?:gin|echo)\.Context\b|\bfiber\.Ctx\b|\bmux\.Vars\b|\bchi\.URLParam|GITHUB_|\b(?:r|req|request)\.(?:URL|Form|PostForm|Header|Body|FormValue|PostFormValue)\b/,
};

/** Whether a file may hold an input flow at all, decided by its text alone: lets the scan skip parsing most files. */
export function mayHaveInputFlows(text: string, language: FlowLanguage): boolean {
  return SOURCE_WORDS[language].test(text);
}
