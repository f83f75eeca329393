/** A complete HTTP answer. */
export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A JSON answer; an undefined body (204) sends nothing. */
export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): HttpReply {
  if (body === undefined) return { status, headers, body: '' };
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

/** GitHub's error body: `{ message, errors?, documentation_url, status }` (status as a string). */
export function errorBody(status: number, message: string, documentationUrl: string, errors?: unknown[]): Record<string, unknown> {
  return { message, ...(errors === undefined ? {} : { errors }), documentation_url: documentationUrl, status: String(status) };
}
