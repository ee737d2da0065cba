// MEETBOT_COUNT_WORK: the store's statements and the bytes it writes appear on /metrics, and only when asked for.
import { strict as assert } from 'node:assert';
import { startTestServer, type TestServer } from './start';

async function meet(url: string, text: string): Promise<void> {
  const res = await fetch(`${url}/playground/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: 'alice', conversation: 'general', text }),
  });
  assert.equal(res.status, 200);
  await res.arrayBuffer();
}

/** The sum of a series' samples in Prometheus text, by its name (any labels). */
function total(metrics: string, name: string): number | undefined {
  const values = metrics.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `)).map((l) => Number(l.split(' ').pop()));
  return values.length ? values.reduce((a, b) => a + b, 0) : undefined;
}

describe('work counting (MEETBOT_COUNT_WORK)', () => {
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('counts the statements a command runs, by kind, and the bytes it writes', async () => {
    t = await startTestServer({ MEETBOT_COUNT_WORK: 'true' });
    const before = await (await fetch(`${t.url}/metrics`)).text();
    await meet(t.url, '/meet now Design review @bob');
    const after = await (await fetch(`${t.url}/metrics`)).text();
    const statements = (total(after, 'meetbot_store_statements_total') ?? 0) - (total(before, 'meetbot_store_statements_total') ?? 0);
    const bytes = (total(after, 'meetbot_store_bytes_written_total') ?? 0) - (total(before, 'meetbot_store_bytes_written_total') ?? 0);
    assert.ok(statements > 0, 'the command ran statements');
    assert.ok(bytes > 0, 'and wrote its meeting and card');
    assert.match(after, /meetbot_store_statements_total\{kind="insert"\} \d+/);
  });

  it('counts nothing when not asked to', async () => {
    t = await startTestServer();
    await meet(t.url, '/meet now Design review @bob');
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    assert.equal(total(metrics, 'meetbot_store_statements_total'), undefined);
  });

  it('refuses a value other than true or false', async () => {
    await assert.rejects(startTestServer({ MEETBOT_COUNT_WORK: 'yes' }), /MEETBOT_COUNT_WORK must be true or false/);
  });
});
