// The Bolt receiver behind the gate (./guard.ts). The gate has read the request once, verified it and parsed it;
// Bolt's ExpressReceiver would read the body again, parse it again and route it through four more handlers. This one
// takes the parsed payload from the gate and answers as ExpressReceiver does with processBeforeResponse, with Bolt's
// own acknowledgement and response helpers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions as http, HTTPResponseAck, type App, type Logger as BoltLogger, type Receiver } from '@slack/bolt';

/** A Bolt receiver the gate hands each verified request to. */
export interface GateReceiver extends Receiver {
  /** Lets Bolt process `body` (the request's payload, parsed) and answers `res` once its listener has returned. */
  dispatch(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): Promise<void>;
}

/** The receiver; Bolt's App calls `init` with itself when it is built. */
export function gateReceiver(logger: BoltLogger): GateReceiver {
  let app: App | undefined;
  return {
    init(bolt) {
      app = bolt;
    },
    // The server listens, not the receiver.
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    async dispatch(req, res, body) {
      if (body.ssl_check) return http.buildSSLCheckResponse(res);
      if (body.type === 'url_verification') return http.buildUrlVerificationResponse(res, body);
      if (!app) return http.buildNoBodyResponse(res, 503);
      // Slack hears its answer only after the listener returns: by then the delivery is recorded (record, then acknowledge).
      const ack = new HTTPResponseAck({ logger, processBeforeResponse: true, httpRequest: req, httpRequestBody: body, httpResponse: res });
      const retryNum = http.extractRetryNumFromHTTPRequest(req);
      const retryReason = http.extractRetryReasonFromHTTPRequest(req);
      try {
        await app.processEvent({ body, ack: ack.bind(), ...(retryNum !== undefined ? { retryNum } : {}), ...(retryReason !== undefined ? { retryReason } : {}), customProperties: {} });
        if (ack.storedResponse !== undefined) http.buildContentResponse(res, ack.storedResponse);
      } catch (error) {
        // A listener's failure that wants Slack to deliver again is rethrown by app.error: Bolt's handler answers 500.
        if (await http.defaultProcessEventErrorHandler({ error: error as Error, logger, request: req, response: res, storedResponse: ack.storedResponse })) ack.ack();
      }
    },
  };
}
