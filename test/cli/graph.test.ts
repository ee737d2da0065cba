// `meetbot graph`, run in this process: the local Graph-compatible service alone, on the SQLite file the settings
// name, reached by another meetbot through GRAPH_BASE_URL the way it would reach Microsoft Graph.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGraph } from '../../adapters/cli/graph';
import { runCli } from './run';

const ALICE_ID = 'a1b2c3d4-0001-4a5b-8c6d-7e8f90a1b2c3';

interface Running {
  readonly graphUrl: string;
  stop(): Promise<{ code: number; err: string }>;
}

/** Starts `meetbot graph --port 0 …` and waits for the line naming its URL. */
async function startGraph(env: Record<string, string>, cwd: string, extra: string[] = []): Promise<Running> {
  let err = '';
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const io = { env: { ...env }, cwd, stdout: { write: (t: string) => (err += t) }, stderr: { write: (t: string) => (err += t) } };
  const exited = runGraph(['--port', '0', ...extra], io, () => stopped);
  for (;;) {
    const url = /service is at (http:\/\/\S+)/.exec(err)?.[1];
    if (url) return { graphUrl: url, stop: async () => (stop(), { code: await exited, err }) };
    const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 20))]);
    if (typeof early === 'number') throw new Error(`meetbot graph exited ${early}:\n${err}`);
  }
}

async function createOrGet(graphUrl: string, externalId: string): Promise<{ status: number; body: { id?: string; joinWebUrl?: string; subject?: string } }> {
  const res = await fetch(`${graphUrl}/users/${ALICE_ID}/onlineMeetings/createOrGet`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ externalId, subject: 'Quarterly planning', startDateTime: '2026-12-01T15:00:00Z', endDateTime: '2026-12-01T15:30:00Z' }),
  });
  return { status: res.status, body: (await res.json()) as { id?: string; joinWebUrl?: string } };
}

describe('meetbot graph', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'meetbot-graph-cli-'));
    env = { PATH: process.env.PATH ?? '', HOME: dir, MEETBOT_DB: join(dir, 'graph.db'), LOG_LEVEL: 'silent' };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serves onlineMeetings and their join pages, keeps meetings in the SQLite file across restarts, and exits 0 when stopped', async () => {
    const first = await startGraph(env, dir);
    const created = await createOrGet(first.graphUrl, '8f14e45f-ceea-467f-a0e6-1c2b3d4e5f60');
    assert.equal(created.status, 201);
    const joinUrl = created.body.joinWebUrl ?? '';
    assert.equal(new URL(joinUrl).origin, new URL(first.graphUrl).origin, 'join links open on this service');
    const page = await fetch(joinUrl);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /html/);
    assert.equal((await fetch(`${new URL(first.graphUrl).origin}/`)).status, 404, 'nothing but Graph and the join pages');
    assert.equal((await first.stop()).code, 0);

    const second = await startGraph(env, dir);
    try {
      const again = await createOrGet(second.graphUrl, '8f14e45f-ceea-467f-a0e6-1c2b3d4e5f60');
      assert.equal(again.status, 200, 'the same externalId finds the meeting kept in the file');
      assert.equal(again.body.id, created.body.id);
    } finally {
      await second.stop();
    }
  });

  it('is the Graph another meetbot reaches through GRAPH_BASE_URL', async () => {
    const graph = await startGraph(env, dir);
    try {
      const run = await runCli(['meet', '--as', ALICE_ID, '--json', '/meet now Release review'], { ...env, MEETBOT_DB: join(dir, 'bot.db'), GRAPH_BASE_URL: graph.graphUrl }, dir);
      assert.equal(run.code, 0, run.err);
      const card = JSON.parse(run.out) as { joinUrl?: string; title?: string };
      assert.equal(card.title, 'Release review');
      assert.equal(new URL(card.joinUrl ?? '').origin, new URL(graph.graphUrl).origin);
    } finally {
      await graph.stop();
    }
  });

  it('explains its arguments', async () => {
    const bad = await runCli(['graph', '--port', 'eighty'], env, dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--port takes a port number/);
    assert.match(bad.err, /Usage: meetbot graph/);
    const help = await runCli(['graph', '--help'], env, dir);
    assert.equal(help.code, 0);
    assert.match(help.out, /GRAPH_BASE_URL/);
  });
});
