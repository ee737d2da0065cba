// Slack's Socket Mode side over a real WebSocket on 127.0.0.1: hands out ticket URLs, says hello, sends envelopes, records acks.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** What the client sent back for one envelope: `{ envelope_id, payload? }`. */
export interface SocketAck {
  readonly envelope_id: string;
  readonly payload?: Record<string, unknown>;
}

/** How one client connection ended, as the server saw it. */
export interface SocketClose {
  readonly code: number;
  readonly reason: string;
}

/** Fake Slack Socket Mode: `ticketUrl()` answers apps.connections.open; `slashCommand`, `event`, `interactive` deliver. */
export class FakeSocket {
  /** Every message a client sent, in order. */
  readonly acks: SocketAck[] = [];
  /** Connections that ended, in order. */
  readonly closes: SocketClose[] = [];
  /** Tickets handed out and not yet used. */
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private readonly waiting = new Map<string, (ack: SocketAck) => void>();
  private readonly openWaiters: (() => void)[] = [];
  private server?: WebSocketServer;
  private seq = 0;
  /** Connections accepted so far (a reconnect is a second one). */
  connections = 0;
  private port = 0;

  async start(): Promise<void> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/link' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    this.port = (server.address() as AddressInfo).port;
    server.on('connection', (ws, req) => this.accept(ws, req));
    this.server = server;
  }

  /** A fresh one-use URL, as apps.connections.open returns it. */
  ticketUrl(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `ws://127.0.0.1:${this.port}/link?ticket=${ticket}&app_id=A0MEETBOT`;
  }

  /** Connections open now; one whose client has sent its close frame no longer counts. */
  get open(): number {
    return [...this.sockets].filter((ws) => ws.readyState === ws.OPEN).length;
  }

  /** Resolves when at least one client is connected and greeted. */
  async connected(): Promise<void> {
    if (this.sockets.size) return;
    await new Promise<void>((resolve) => this.openWaiters.push(resolve));
  }

  /** A `/meet` command, as Slack wraps it: the form fields become the JSON payload. */
  slashCommand(fields: Record<string, string>): string {
    return this.deliver({ type: 'slash_commands', payload: fields, accepts_response_payload: true });
  }

  /** An Events API envelope (`event_callback`), with Slack's retry counters. */
  event(envelope: unknown, retry: { attempt: number; reason: string } = { attempt: 0, reason: '' }): string {
    return this.deliver({ type: 'events_api', payload: envelope, accepts_response_payload: false, retry_attempt: retry.attempt, retry_reason: retry.reason });
  }

  /** An interactivity payload (block_actions, view_submission, shortcut). */
  interactive(payload: Record<string, unknown>): string {
    return this.deliver({ type: 'interactive', payload, accepts_response_payload: payload.type === 'view_submission' });
  }

  /** Resolves with the client's ack of `envelopeId` (the mocha timeout bounds it). */
  ackOf(envelopeId: string): Promise<SocketAck> {
    const seen = this.acks.find((a) => a.envelope_id === envelopeId);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiting.set(envelopeId, resolve));
  }

  /** Closes every connection abruptly and stops listening. */
  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private deliver(message: Record<string, unknown>): string {
    const [ws] = this.sockets;
    if (!ws) throw new Error('no Socket Mode client is connected');
    this.seq += 1;
    const envelopeId = `${randomUUID()}-${this.seq}`;
    ws.send(JSON.stringify({ envelope_id: envelopeId, ...message }));
    return envelopeId;
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const ticket = new URL(req.url ?? '/', 'ws://127.0.0.1').searchParams.get('ticket') ?? '';
    if (!this.tickets.delete(ticket)) {
      ws.close(4001, 'invalid ticket');
      return;
    }
    this.connections += 1;
    this.sockets.add(ws);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const ack = JSON.parse(String(data)) as SocketAck;
      this.acks.push(ack);
      this.waiting.get(ack.envelope_id)?.(ack);
      this.waiting.delete(ack.envelope_id);
    });
    ws.on('close', (code, reason) => {
      this.sockets.delete(ws);
      this.closes.push({ code, reason: reason.toString() });
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'applink-fake-1', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0MEETBOT' },
      }),
    );
    for (const wake of this.openWaiters.splice(0)) wake();
  }
}
