// Server-sent events: a page subscribed to a conversation hears new messages and card updates as they happen.
import type { Request, Response } from 'express';
import { visibleTo, type Hub } from './hub';

/** Open event streams, so shutdown can end them (they would otherwise keep the server open forever). */
export class EventStreams {
  private readonly open = new Set<Response>();

  /** Streams `conversation` to `res` as `viewer` sees it, until the client goes away. */
  serve(hub: Hub, conversation: string, viewer: string, req: Request, res: Response): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 2000\n\n');
    const unsubscribe = hub.subscribe(conversation, (event) => {
      if (!visibleTo(event.message, viewer)) return;
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.message)}\n\n`);
    });
    // A comment every 20 s keeps proxies from closing an idle stream.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 20_000);
    keepAlive.unref();
    this.open.add(res);
    const stop = (): void => {
      clearInterval(keepAlive);
      unsubscribe();
      this.open.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  /** Ends every open stream. */
  closeAll(): void {
    for (const res of [...this.open]) res.end();
    this.open.clear();
  }
}
