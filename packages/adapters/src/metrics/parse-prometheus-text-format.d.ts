// The package ships no types; its output is validated with zod in parse-exposition.ts, so `unknown` is all we need.
declare module 'parse-prometheus-text-format' {
  export default function parsePrometheusTextFormat(text: string): unknown;
}
