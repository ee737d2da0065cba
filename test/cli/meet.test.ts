import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalGraphServer } from '../../adapters/graph/local';
import { runCli } from './run';
import { startTestServer } from '../server/start';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process, in a temp directory with a clean environment (no .env, no Graph credentials). */
async function meetbot(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  const base: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: cwd, MEETBOT_DB: join(cwd, 'meetbot.db') };
  const run = await runCli(['meet', ...args], { ...base, ...env }, cwd);
  return { code: run.code, stdout: run.out, stderr: run.err };
}

const joinLink = (out: string): string | undefined => /Join link: (\S+)/.exec(out)?.[1];

describe('meetbot meet', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'meetbot-meet-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a join link, meeting ID and passcode, and the same --key gives the same meeting', async () => {
    const first = await meetbot(['--as', 'alice', '--key', 'incident-42', '/meet now Incident 42 @bob'], {}, dir);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Incident 42/);
    assert.match(first.stdout, /Meeting ID: \d+/);
    assert.match(first.stdout, /Passcode: \S+/);
    assert.match(first.stdout, /Bob Smith/);
    const link = joinLink(first.stdout);
    assert.ok(link, first.stdout);

    const again = await meetbot(['--as', 'alice', '--key', 'incident-42', '/meet now Incident 42 @bob'], {}, dir);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(joinLink(again.stdout), link);

    const other = await meetbot(['--as', 'alice', '/meet now Incident 42 @bob'], {}, dir);
    assert.notEqual(joinLink(other.stdout), link, 'a new key makes a new meeting');
  });

  it('prints join links where the running server serves them, whatever PORT it was given; an explicit PORT or MEETBOT_PUBLIC_URL wins', async () => {
    const db = join(dir, 'meetbot.db');
    const server = await startTestServer({ MEETBOT_DB: db });
    try {
      const served = new URL(server.url);
      const beside = await meetbot(['--as', 'alice', '/meet now Beside the server'], {}, dir);
      assert.equal(beside.code, 0, beside.stderr);
      const link = new URL(joinLink(beside.stdout) ?? '');
      assert.equal(link.origin, served.origin, 'the link opens on the running server');
      assert.equal((await fetch(link)).status, 200, 'and the join page is there');
      const told = await meetbot(['--as', 'alice', '/meet now Told'], { PORT: '4311' }, dir);
      assert.equal(new URL(joinLink(told.stdout) ?? '').port, '4311');
      const publicUrl = await meetbot(['--as', 'alice', '/meet now Public'], { MEETBOT_PUBLIC_URL: 'https://meetbot.contoso.example' }, dir);
      assert.equal(new URL(joinLink(publicUrl.stdout) ?? '').origin, 'https://meetbot.contoso.example');
    } finally {
      await server.stop();
    }
  });

  it("reads times in the person's own zone; MEETBOT_TIME_ZONE is only the default for unknown zones", async () => {
    // alice is in America/Los_Angeles: 15:00 there on 2030-01-15 is 23:00 UTC, whatever the default zone says.
    const run = await meetbot(['--as', 'alice', '--json', '/meet 2030-01-15 15:00 30m Zones'], { MEETBOT_TIME_ZONE: 'Asia/Tokyo' }, dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { start: string }).start, '2030-01-15T23:00:00.000Z');
  });

  it('refuses a local directory file with an unknown time zone, naming the person and the zone', async () => {
    const file = join(dir, 'people.json');
    writeFileSync(file, JSON.stringify([{ id: '0c8f1a52-7d4e-4b7a-9f3e-2a1b5c6d7e8f', displayName: 'Zed', mail: 'zed@contoso.example', timeZone: 'Mars/Base' }]));
    const run = await meetbot(['--as', 'zed', '/meet now'], { MEETBOT_LOCAL_DIRECTORY: file }, dir);
    assert.equal(run.code, 2, 'a configuration problem');
    assert.match(run.stderr, /MEETBOT_LOCAL_DIRECTORY: .*unknown time zone "Mars\/Base"/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });

  it('prints the JoinCard as JSON with --json', async () => {
    const run = await meetbot(['--json', '--as', 'bob', '/meet tomorrow 15:00 for 45 minutes Review @carol'], {}, dir);
    assert.equal(run.code, 0, run.stderr);
    const card = JSON.parse(run.stdout) as { subject: string; joinUrl: string; passcode: string; meetingCode: string; timeZone: string; fallbackText: string };
    assert.equal(card.subject, 'Review');
    assert.ok(card.joinUrl && card.passcode && card.meetingCode);
    assert.equal(card.timeZone, 'Europe/London', "bob's zone from the directory");
    assert.ok(card.fallbackText.includes(card.joinUrl));
  });

  it('explains an unknown attendee and exits 1', async () => {
    const run = await meetbot(['--as', 'alice', '/meet now @nobody'], {}, dir);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /couldn't find @nobody/);
    assert.ok(!/\n\s+at /.test(run.stderr), 'no stack trace');
  });

  it('prints each configuration error and exits 2', async () => {
    const run = await meetbot(['/meet now'], { PORT: 'abc', MEETBOT_TIME_ZONE: 'Mars/Base' }, dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /PORT must be/);
    assert.match(run.stderr, /MEETBOT_TIME_ZONE must be/);
  });

  it('uses the Graph in GRAPH_BASE_URL when it is set', async () => {
    const graph = await startLocalGraphServer();
    try {
      const run = await meetbot(['--as', 'carol@contoso.example', '/meet now Remote @dmitry'], { GRAPH_BASE_URL: graph.url }, dir);
      assert.equal(run.code, 0, run.stderr);
      assert.ok(joinLink(run.stdout)?.startsWith(graph.origin), 'the meeting was made by the configured service');
    } finally {
      await graph.close();
    }
  });

  it('needs --as with a configured Graph', async () => {
    const run = await meetbot(['/meet now'], { GRAPH_BASE_URL: 'http://127.0.0.1:9/v1.0' }, dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--as is required/);
  });
});
