// Routes one parsed request to its handler and turns thrown errors into Graph's error envelope.
import type { LocalContext } from './context';
import { badRequest, graphError, GraphHttpError } from './errors';
import { FAULT_ERRORS, decideFault, type FaultConfig } from './faults';
import type { GraphRequest, GraphResponse } from './http-types';
import type { Random } from './ids';
import { handleMeetings } from './meetings';
import { handleUsers } from './users';

/** A handler for paths the core dispatcher does not know (subscriptions, $batch): answers or returns undefined. */
export type ExtraRoute = (req: GraphRequest) => Promise<GraphResponse | undefined>;

/** Injected faults for one dispatcher. */
export interface FaultSource {
  readonly config: FaultConfig;
  readonly random: Random;
}

/** Something unexpected went wrong inside a handler (a bug or a broken store); reported, never thrown to express. */
export type OnInternalError = (err: unknown, req: GraphRequest) => void;

/** Creates `dispatch(req)`: faults first (before any side effect), then routing. */
export function createDispatcher(ctx: LocalContext, extras: ExtraRoute[], faults: FaultSource | undefined, onError: OnInternalError) {
  const route = async (req: GraphRequest): Promise<GraphResponse> => {
    const [head, second, third, ...rest] = req.segments;
    // Extras first: some serve paths under /users (attendance reports, calendar events) and pass on everything else.
    for (const extra of extras) {
      const answer = await extra(req);
      if (answer) return answer;
    }
    if (head === 'users') {
      if (third === undefined) return handleUsers(ctx, req, second);
      if (third === 'onlineMeetings' && second !== undefined) return handleMeetings(ctx, req, second, rest);
      throw badRequest(`Resource not found for the segment '${third}'.`);
    }
    throw badRequest(`Resource not found for the segment '${head ?? ''}'.`);
  };

  /** Answers one request; `withFaults` false skips fault injection (for callers that already drew). */
  return async function dispatch(req: GraphRequest, withFaults = true): Promise<GraphResponse> {
    const ids = { requestId: req.requestId, clientRequestId: req.headers['client-request-id'], now: ctx.now() };
    if (withFaults && faults) {
      const fault = decideFault(faults.config, faults.random);
      if (fault.kind === 'status') {
        const { code, message } = FAULT_ERRORS[fault.status];
        const retry: Record<string, string> = fault.status === 504 ? {} : { 'retry-after': String(faults.config.retryAfterSeconds ?? 1) };
        return graphError(fault.status, code, message, ids, retry);
      }
      if (fault.kind === 'drop') return { status: 0, headers: {} };
    }
    try {
      return await route(req);
    } catch (err) {
      if (err instanceof GraphHttpError) return graphError(err.status, err.code, err.message, ids);
      onError(err, req);
      return graphError(500, 'InternalServerError', 'An internal error occurred in the local meeting service.', ids);
    }
  };
}

/** The dispatcher's type. */
export type Dispatch = ReturnType<typeof createDispatcher>;
