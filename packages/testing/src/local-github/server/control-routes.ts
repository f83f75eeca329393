import type { LocalGitHub } from '../types';
import { jsonReply, type HttpReply } from './http-reply';

/** The control surface behind /_local/*: the LocalGitHub methods minus url and close. */
export type LocalControl = Omit<LocalGitHub, 'url' | 'close'>;

const ENDPOINTS = 'GET /_local/state, GET /_local/violations, GET|DELETE /_local/requests, POST|DELETE /_local/faults, POST /_local/seed';

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new Error('The body is not JSON; send the fault or seed as application/json.');
  }
}

/**
 * Control endpoints for tests and demos running the server in another process; neither checked
 * against OpenAPI nor logged. A bad body answers 400 with the fix.
 */
export function handleControlRequest(control: LocalControl, method: string, path: string, body: string): HttpReply {
  const route = `${method.toUpperCase()} ${path.replace(/\/$/, '')}`;
  try {
    switch (route) {
      case 'GET /_local/state':
        return jsonReply(200, control.state());
      case 'GET /_local/violations':
        return jsonReply(200, control.violations());
      case 'GET /_local/requests':
        return jsonReply(200, control.requests());
      case 'DELETE /_local/requests':
        control.resetLog();
        return jsonReply(204, undefined);
      case 'POST /_local/faults':
        control.injectFault(parseJson(body) as Parameters<LocalControl['injectFault']>[0]);
        return jsonReply(201, { ok: true });
      case 'DELETE /_local/faults':
        control.clearFaults();
        return jsonReply(204, undefined);
      case 'POST /_local/seed':
        control.seed(parseJson(body) as Parameters<LocalControl['seed']>[0]);
        return jsonReply(201, { ok: true });
      default:
        return jsonReply(404, { message: `Unknown control endpoint ${route}; known: ${ENDPOINTS}.` });
    }
  } catch (error) {
    return jsonReply(400, { message: (error as Error).message });
  }
}
