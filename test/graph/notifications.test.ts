import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import type { CallEvent } from '../../src/lifecycle/types';
import type { Logger } from '../../src/meetings/ports';
import { createNotificationsHandler } from '../../adapters/graph/notifications';
import { callEventsResource, joinUrlFromResource, notificationEnvelopeSchema, toCallEvent } from '../../adapters/graph/call-events';
import { listen, silentLogger } from './helpers';

const dir = join(__dirname, '..', 'fixtures', 'graph', 'notifications');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const JOIN_URL = readFileSync(join(dir, 'join-url.txt'), 'utf8').trim();
const CLIENT_STATE = 'secret-client-state';
/** The subscription every fixture names. */
const SUBSCRIPTION_ID = '7f105c7d-2dc5-4530-97cd-4e7ae6534c07';

function eventsOf(name: string): Array<CallEvent | undefined> {
  return notificationEnvelopeSchema.parse(fixture(name)).value.map((item) => {
    const r = toCallEvent(item);
    assert.ok(r.ok, `${name} should parse`);
    return r.value;
  });
}

describe('graph call-event notifications: parsing', () => {
  it('recovers the join URL from the subscription resource with exactly one decode', () => {
    const resource = callEventsResource(JOIN_URL);
    assert.ok(resource.includes('19%253ameeting_'), 'the join URL is encoded once more inside the resource');
    assert.equal(joinUrlFromResource(resource), JOIN_URL);
    assert.equal(joinUrlFromResource(`/${resource}`), JOIN_URL);
  });

  it("reads the join URL as it stands in the documented legacy form $filter=joinWebUrl+eq+'…' (no extra encoding)", () => {
    assert.equal(joinUrlFromResource(`communications/onlineMeetings?$filter=joinWebUrl+eq+'${JOIN_URL}'`), JOIN_URL);
    assert.equal(joinUrlFromResource(`/communications/onlineMeetings/?$filter=JoinWebUrl eq '${JOIN_URL}'`), JOIN_URL);
  });

  it('reads the legacy $filter=JoinWebUrl resource too', () => {
    const [event] = eventsOf('legacy-resource.json');
    assert.equal(event?.kind, 'callStarted');
    assert.equal(event?.joinUrl, JOIN_URL);
  });

  it('refuses a resource without a join URL', () => {
    const item = notificationEnvelopeSchema.parse(fixture('no-join-url.json')).value[0];
    assert.ok(item);
    const r = toCallEvent(item);
    assert.equal(r.ok, false);
  });

  it('turns callStarted into a callStarted event with the join URL and time (and no call id: Graph names none)', () => {
    const [event] = eventsOf('call-started.json');
    assert.deepEqual(event, { kind: 'callStarted', joinUrl: JOIN_URL, at: new Date('2026-11-27T10:00:05.123Z') });
  });

  it('splits participants@delta into joined and left, skipping the lobby and counting a named guest', () => {
    const [event] = eventsOf('roster-updated.json');
    assert.equal(event?.kind, 'rosterUpdated');
    if (event?.kind !== 'rosterUpdated') return;
    assert.deepEqual(event.joined.map((u) => u.displayName), ['Alice Johnson', 'Visitor']);
    assert.deepEqual(event.left.map((u) => u.id), ['b2c3d4e5-0002-4b6c-9d7e-8f90a1b2c3d4']);
  });

  it('turns callEnded into a callEnded event', () => {
    const [event] = eventsOf('call-ended.json');
    assert.equal(event?.kind, 'callEnded');
    assert.equal(event?.at.toISOString(), '2026-11-27T10:31:00.000Z');
  });

  it('skips encrypted items it cannot read instead of failing', () => {
    assert.deepEqual(eventsOf('encrypted.json'), [undefined]);
  });
});

describe('graph call-event notifications: the webhook over HTTP', () => {
  /** The secrets of the subscriptions the handler knows: the fixtures' one, unless told otherwise. */
  async function serve(withJsonParser: boolean, secrets: Record<string, string> = { [SUBSCRIPTION_ID]: CLIENT_STATE }, logger: Logger = silentLogger) {
    const received: CallEvent[][] = [];
    let resolveNext: (() => void) | undefined;
    const app = express();
    if (withJsonParser) app.use(express.json());
    app.post(
      '/api/graph/notifications',
      createNotificationsHandler({
        clientStateOf: async (id) => (Object.hasOwn(secrets, id) ? secrets[id] : undefined),
        logger,
        onEvents: async (events) => {
          received.push(events);
          resolveNext?.();
        },
      }),
    );
    const server = await listen(app);
    const next = () => new Promise<void>((resolve) => (resolveNext = resolve));
    return { ...server, received, next, endpoint: `${server.url}/api/graph/notifications` };
  }

  const post = (url: string, body: unknown, type = 'application/json') =>
    fetch(url, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  for (const withJsonParser of [false, true]) {
    describe(withJsonParser ? 'behind express.json()' : 'on a bare route', () => {
      it('echoes the validation token as text/plain', async () => {
        const s = await serve(withJsonParser);
        try {
          const res = await fetch(`${s.endpoint}?validationToken=${encodeURIComponent('Validation: Testing client application <x>')}`, { method: 'POST' });
          assert.equal(res.status, 200);
          assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
          assert.equal(await res.text(), 'Validation: Testing client application <x>');
        } finally {
          await s.close();
        }
      });

      it('answers 202 and hands the events on', async () => {
        const s = await serve(withJsonParser);
        try {
          const got = s.next();
          const res = await post(s.endpoint, fixture('roster-updated.json'));
          assert.equal(res.status, 202);
          await got;
          assert.equal(s.received[0]?.[0]?.kind, 'rosterUpdated');
        } finally {
          await s.close();
        }
      });

      it('drops items with a wrong clientState and says so', async () => {
        const s = await serve(withJsonParser);
        try {
          const body = fixture('call-started.json') as { value: Array<Record<string, unknown>> };
          for (const item of body.value) item.clientState = 'forged';
          const res = await post(s.endpoint, body);
          assert.equal(res.status, 403);
          assert.deepEqual(s.received, []);
        } finally {
          await s.close();
        }
      });

      it('answers 400 with a short message for a body that is not a notification', async () => {
        const s = await serve(withJsonParser);
        try {
          for (const body of [{ hello: 'world' }, { value: [{ resource: 42 }] }]) {
            const res = await post(s.endpoint, body);
            assert.equal(res.status, 400);
            const text = await res.text();
            assert.match(text, /^Invalid notification/);
            assert.ok(!/at \w+ \(/.test(text), 'no stack trace');
          }
          assert.deepEqual(s.received, []);
        } finally {
          await s.close();
        }
      });

      it('answers 400 for a notification whose resource names no meeting', async () => {
        const s = await serve(withJsonParser);
        try {
          const res = await post(s.endpoint, fixture('no-join-url.json'));
          assert.equal(res.status, 400);
        } finally {
          await s.close();
        }
      });
    });
  }

  describe('each item is checked against its own subscription\'s secret', () => {
    const item = (subscriptionId: string, clientState: string): Record<string, unknown> => {
      const [base] = (fixture('call-started.json') as { value: Array<Record<string, unknown>> }).value;
      return { ...base, subscriptionId, clientState };
    };
    const recording = () => {
      const warnings: Array<{ obj: Record<string, unknown>; msg: string }> = [];
      const logger: Logger = { ...silentLogger, warn: (obj, msg) => void warnings.push({ obj: obj as Record<string, unknown>, msg: msg ?? '' }) };
      return { warnings, logger };
    };

    it('refuses a notification for a subscription it does not know, even with a secret it knows, and logs no secret', async () => {
      const { warnings, logger } = recording();
      const s = await serve(true, { [SUBSCRIPTION_ID]: CLIENT_STATE }, logger);
      try {
        const res = await post(s.endpoint, { value: [item('someone-elses-subscription', CLIENT_STATE)] });
        assert.equal(res.status, 403);
        assert.deepEqual(s.received, []);
        assert.deepEqual(warnings.map((w) => w.obj), [{ reason: 'unknown subscription', subscriptionIds: ['someone-elses-subscription'] }]);
        assert.ok(!JSON.stringify(warnings).includes(CLIENT_STATE), 'the secret stays out of the logs');
      } finally {
        await s.close();
      }
    });

    it("refuses another subscription's secret and keeps the items that carry their own", async () => {
      const { warnings, logger } = recording();
      const s = await serve(true, { 'sub-a': 'secret-of-a', 'sub-b': 'secret-of-b' }, logger);
      try {
        const got = s.next();
        const res = await post(s.endpoint, { value: [item('sub-b', 'secret-of-a'), item('sub-a', 'secret-of-a'), item('sub-b', 'secret-of-b-but-longer')] });
        assert.equal(res.status, 202);
        await got;
        assert.equal(s.received.flat().length, 1, 'only sub-a\'s own item');
        assert.deepEqual(warnings.map((w) => w.obj), [{ reason: 'wrong clientState', subscriptionIds: ['sub-b'] }]);
        assert.ok(!/secret-of/.test(JSON.stringify(warnings)), 'no secret in the logs');
      } finally {
        await s.close();
      }
    });

    it('answers 503 when the secrets cannot be looked up, so Graph delivers again later, and logs the error', async () => {
      const errors: Array<Record<string, unknown>> = [];
      const app = express();
      app.post('/n', createNotificationsHandler({
        clientStateOf: async () => {
          throw new Error('database is locked');
        },
        logger: { ...silentLogger, error: (obj) => void errors.push(obj as Record<string, unknown>) },
        onEvents: async () => assert.fail('no events without a checked secret'),
      }));
      const server = await listen(app);
      try {
        const res = await post(`${server.url}/n`, fixture('call-started.json'));
        assert.equal(res.status, 503);
        assert.ok(errors[0]?.err instanceof Error, 'the error object itself is logged');
      } finally {
        await server.close();
      }
    });
  });

  it('answers 400 for malformed JSON on a bare route', async () => {
    const s = await serve(false);
    try {
      const res = await post(s.endpoint, '{"value": [', 'application/json');
      assert.equal(res.status, 400);
      assert.match(await res.text(), /must be JSON/);
    } finally {
      await s.close();
    }
  });

  it('accepts an encrypted delivery with 202 and hands nothing on', async () => {
    const s = await serve(true);
    try {
      const res = await post(s.endpoint, fixture('encrypted.json'));
      assert.equal(res.status, 202);
      assert.deepEqual(s.received, []);
    } finally {
      await s.close();
    }
  });
});
