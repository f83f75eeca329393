/**
 * How the judges print numbers in reasons: percentages with two significant digits below 1 %, counts with
 * thousands separators, milliseconds to 0.1 ms below 100 ms, and evidence as odds ("230 to 1").
 */
export const formatFigure = {
  percent(fraction: number): string {
    const v = fraction * 100;
    if (v === 0) return '0 %';
    return `${v >= 1 ? v.toFixed(2) : String(Number(v.toPrecision(2)))} %`;
  },
  count(n: number): string {
    return grouped(Number.isInteger(n) ? String(n) : n.toFixed(1));
  },
  ms(v: number): string {
    return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ms`;
  },
  odds(logEvidence: number): string {
    const e = Math.exp(logEvidence);
    if (e >= 1e6) return 'over 1,000,000 to 1';
    if (e < 0.01) return 'under 0.01 to 1';
    return `${e >= 10 ? grouped(String(Math.round(Number(e.toPrecision(2))))) : String(Number(e.toPrecision(2)))} to 1`;
  },
};

/** Thousands separators for the integer part of a plain decimal string (no locale data: the core stays pure). */
function grouped(digits: string): string {
  const dot = digits.indexOf('.');
  const whole = dot < 0 ? digits : digits.slice(0, dot);
  let out = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0 && whole[i - 1] !== '-') out += ',';
    out += whole[i];
  }
  return dot < 0 ? out : out + digits.slice(dot);
}
