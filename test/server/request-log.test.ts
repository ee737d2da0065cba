import { strict as assert } from 'node:assert';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { LOCAL_GRAPH_PATH } from '../../adapters/server/backend';
import { createLogger } from '../../adapters/server/logger';
import { requestLog } from '../../adapters/server/request-log';

describe('server: one log line per request', () => {
  it('logs people at info and the embedded Graph talking to its own server at debug, failures as errors', async () => {
    const lines: Array<{ level: number; path: string; status: number }> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as { level: number; path: string; status: number });
        done();
      },
    });
    const app = express();
    app.use(requestLog(createLogger({ level: 'info', destination })));
    app.post('/playground/api/messages', (_req, res) => void res.json({ ok: true }));
    app.get(`${LOCAL_GRAPH_PATH}/users/alice`, (_req, res) => void res.json({ id: 'alice' }));
    app.get(`${LOCAL_GRAPH_PATH}/users/broken`, (_req, res) => void res.status(500).json({}));
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await (await fetch(`${base}/playground/api/messages`, { method: 'POST' })).text();
      await (await fetch(`${base}${LOCAL_GRAPH_PATH}/users/alice`)).text();
      await (await fetch(`${base}${LOCAL_GRAPH_PATH}/users/broken`)).text();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    assert.deepEqual(
      lines.map((l) => [l.level, l.path, l.status]),
      [
        [30, '/playground/api/messages', 200],
        [50, `${LOCAL_GRAPH_PATH}/users/broken`, 500],
      ],
    );
  });
});
