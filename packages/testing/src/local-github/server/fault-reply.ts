import { STATUS_CODES } from 'node:http';
import type { Fault } from './fault-queue';
import { errorBody, jsonReply, type HttpReply } from './http-reply';

const DOCS = 'https://docs.github.com/rest';
const SECONDARY_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';
const UNAVAILABLE = 'No server is currently available to service your request. Sorry about that. Please try resubmitting your request and contact us if the problem persists.';

/**
 * The answer GitHub's edge gives for an injected fault. 502 comes as HTML, as GitHub's load
 * balancer sends it; the secondary rate limit is a 403 with `retry-after` and the message
 * @octokit/plugin-throttling looks for.
 */
export function renderFaultReply(fault: Exclude<Fault, { kind: 'delay' }>, headers: Record<string, string>): HttpReply {
  if (fault.kind === 'secondary-rate-limit') {
    const message = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
    return jsonReply(403, errorBody(403, message, SECONDARY_DOCS), { ...headers, 'retry-after': String(fault.retryAfter) });
  }
  if (fault.status === 502) {
    return { status: 502, headers: { ...headers, 'content-type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1>\nThe server returned an invalid or incomplete response.\n</body></html>\n' };
  }
  const message = fault.status === 500 ? 'Server Error' : fault.status === 503 ? UNAVAILABLE : STATUS_CODES[fault.status] ?? 'Error';
  return jsonReply(fault.status, errorBody(fault.status, message, DOCS), headers);
}
