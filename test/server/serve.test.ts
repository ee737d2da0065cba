// `meetbot serve` as a process: starts from an empty environment, reports bad settings, stops cleanly, logs safely.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'meetbot.js');

interface Run {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exited: Promise<number | null>;
}

function run(env: Record<string, string>, cwd: string): Run {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, PORT: '0', MEETBOT_DB: join(cwd, 'data', 'meetbot.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const r: Run = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
  };
  child.stdout?.on('data', (d: Buffer) => (r.stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (r.stderr += d.toString()));
  return r;
}

async function urlOf(r: Run): Promise<string> {
  for (;;) {
    const match = /meetbot is running at (http:\/\/\S+)/.exec(r.stderr);
    if (match?.[1]) return match[1];
    if (r.child.exitCode !== null) throw new Error(`meetbot exited early:\n${r.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('meetbot serve', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'meetbot-serve-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts from an empty environment, prints the banner, answers health and readiness, and exits 0 on SIGTERM', async () => {
    const r = run({}, dir);
    const url = await urlOf(r);
    assert.match(r.stderr, /Playground\s+http:\/\/127\.0\.0\.1:\d+\//);
    assert.match(r.stderr, /Teams\s+local-only, unauthenticated/);
    assert.match(r.stderr, /Slack\s+off/);
    assert.match(r.stderr, /Meetings\s+local Graph-compatible service/);
    assert.match(r.stderr, /Data\s+SQLite at .*meetbot\.db/);
    const health = await fetch(`${url}/healthz`);
    assert.deepEqual([health.status, await health.json()], [200, { status: 'ok' }]);
    const ready = await fetch(`${url}/readyz`);
    assert.deepEqual([ready.status, await ready.json()], [200, { status: 'ready', checks: { store: 'ok', queue: 'ok', meetings: 'ok' } }]);
    r.child.kill('SIGTERM');
    assert.equal(await r.exited, 0);
  });

  it('refuses a wrong setting with a message naming the variable and exit code 2, without a stack trace', async () => {
    const r = run({ MEETBOT_DEFAULT_DURATION: 'abc' }, dir);
    assert.equal(await r.exited, 2);
    assert.match(r.stderr, /MEETBOT_DEFAULT_DURATION must be minutes from 1 to 1440, got "abc"/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('refuses to listen beyond this machine without Teams credentials', async () => {
    const r = run({ HOST: '0.0.0.0' }, dir);
    assert.equal(await r.exited, 2);
    assert.match(r.stderr, /HOST=0\.0\.0\.0 .*MICROSOFT_APP_ID is not set/);
  });

  it('names MEETBOT_LOCAL_DIRECTORY when the directory file cannot be read', async () => {
    const r = run({ MEETBOT_LOCAL_DIRECTORY: join(dir, 'missing.json') }, dir);
    assert.equal(await r.exited, 2);
    assert.match(r.stderr, /MEETBOT_LOCAL_DIRECTORY: Cannot read the local directory file/);
  });

  it('exports meetbot_ metrics and logs each request with its id but never a secret', async () => {
    const secrets = {
      SLACK_SIGNING_SECRET: 'known-signing-secret-4f1a9c',
      SLACK_BOT_TOKEN: 'xoxb-known-bot-token-77e2d1',
      MICROSOFT_APP_ID: '00000000-1111-2222-3333-444444444444',
      MICROSOFT_APP_PASSWORD: 'known-app-password-9b3e55',
    };
    const r = run({ ...secrets, SLACK_API_URL: 'http://127.0.0.1:9/api/', LOG_LEVEL: 'debug' }, dir);
    const url = await urlOf(r);
    assert.match(r.stderr, /Teams\s+authenticated as app 00000000-1111-2222-3333-444444444444/);
    assert.match(r.stderr, /Slack\s+HTTP \(Request URL http:\/\/127\.0\.0\.1:\d+\/slack\/events\)/);

    const said = await fetch(`${url}/playground/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-from-test-1' },
      body: JSON.stringify({ as: 'alice', conversation: 'general', text: '/meet now Metrics check @bob' }),
    });
    assert.equal(said.status, 200);
    // Secrets sent back at the server must not be echoed into the logs either.
    await fetch(`${url}/api/messages`, { method: 'POST', headers: { authorization: `Bearer ${secrets.MICROSOFT_APP_PASSWORD}`, 'content-type': 'application/json' }, body: '{"type":"message"}' });
    await fetch(`${url}/slack/events`, { method: 'POST', headers: { 'x-slack-signature': `v0=${secrets.SLACK_SIGNING_SECRET}`, 'content-type': 'application/json' }, body: `{"token":"${secrets.SLACK_BOT_TOKEN}"}` });

    const metrics = await (await fetch(`${url}/metrics`)).text();
    assert.match(metrics, /meetbot_commands_total\{platform="local",kind="meet"\} 1/);
    assert.match(metrics, /meetbot_meetings_created_total 1/);
    assert.match(metrics, /meetbot_graph_request_duration_seconds_count\{method="POST",status="201"\} \d+/);
    assert.match(metrics, /meetbot_errors_total/);
    assert.match(metrics, /process_resident_memory_bytes/);

    r.child.kill('SIGTERM');
    assert.equal(await r.exited, 0);
    const lines = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const request = lines.find((l) => l.requestId === 'req-from-test-1');
    assert.deepEqual(
      request && { method: request.method, path: request.path, status: request.status, hasMs: typeof request.ms === 'number' },
      { method: 'POST', path: '/playground/api/messages', status: 200, hasMs: true },
    );
    assert.ok(lines.filter((l) => l.msg === 'request').every((l) => typeof l.requestId === 'string'), 'every request line has an id');
    const output = r.stdout + r.stderr;
    for (const [name, value] of Object.entries(secrets)) {
      if (name === 'MICROSOFT_APP_ID') continue;
      assert.ok(!output.includes(value), `${name} leaked into the output`);
    }
  });
});
