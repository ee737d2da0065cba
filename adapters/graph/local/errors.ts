// Graph's error envelope: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`.
import type { GraphResponse } from './http-types';

/** Graph-style timestamp for innerError.date (no fraction, no zone, as Graph prints it). */
function innerDate(now: Date): string {
  return now.toISOString().slice(0, 19);
}

/** Builds an error response exactly as Graph shapes it (always JSON, so SDKs parse it). */
export function graphError(
  status: number,
  code: string,
  message: string,
  ids: { requestId: string; clientRequestId?: string; now?: Date },
  extraHeaders: Record<string, string> = {},
): GraphResponse {
  const innerError: Record<string, string> = {
    date: innerDate(ids.now ?? new Date()),
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId ?? ids.requestId,
  };
  return {
    status,
    headers: { 'content-type': 'application/json', 'request-id': ids.requestId, 'client-request-id': innerError['client-request-id'] ?? '', ...extraHeaders },
    body: { error: { code, message, innerError } },
  };
}

/** Thrown inside handlers; the dispatcher turns it into graphError(). */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GraphHttpError';
  }
}

/** 400 BadRequest with a message. */
export const badRequest = (message: string): GraphHttpError => new GraphHttpError(400, 'BadRequest', message);

/** 404 for a user that is not in the directory, worded as Entra words it. */
export const userNotFound = (id: string): GraphHttpError =>
  new GraphHttpError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

/** 405 as Graph words it. */
export const methodNotAllowed = (method: string): GraphHttpError =>
  new GraphHttpError(405, 'Request_BadRequest', `The HTTP method '${method}' is not allowed for this resource.`);
