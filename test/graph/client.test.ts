import { strict as assert } from 'node:assert';
import express from 'express';
import type { AccessToken, TokenCredential } from '@azure/identity';
import type { CallEvent } from '../../src/lifecycle/types';
import { reduceCall } from '../../src/lifecycle';
import type { CallState } from '../../src/meetings/ports';
import { authProviderFor, credentialFor } from '../../adapters/graph/auth';
import { createGraphClient } from '../../adapters/graph/client';
import { createNotificationsHandler } from '../../adapters/graph';
import { listen, localBackend, person, silentLogger } from './helpers';

const stubCredential = (token: string): TokenCredential & { scopes: string[] } => {
  const scopes: string[] = [];
  return {
    scopes,
    async getToken(s: string | string[]): Promise<AccessToken> {
      scopes.push(...(Array.isArray(s) ? s : [s]));
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
};

describe('graph client construction', () => {
  it('sends the bearer token to a Graph-compatible service on plain http, with the path joined under its version', async () => {
    const seen: Array<{ url: string; auth: string | undefined }> = [];
    const app = express();
    app.use((req, res) => {
      seen.push({ url: req.originalUrl, auth: req.headers.authorization });
      res.type('application/json').send(JSON.stringify({ id: 'u1', displayName: 'U' }));
    });
    const server = await listen(app);
    try {
      const credential = stubCredential('token-123');
      const { client } = createGraphClient({ baseUrl: `${server.url}/prefix/graph/v1.0`, authProvider: authProviderFor(credential), logger: silentLogger });
      await client.api('/users/u1').get();
      assert.deepEqual(seen, [{ url: '/prefix/graph/v1.0/users/u1', auth: 'Bearer token-123' }]);
      assert.deepEqual(credential.scopes, ['https://graph.microsoft.com/.default']);
    } finally {
      await server.close();
    }
  });

  it('sends no Authorization header when auth is none', async () => {
    let auth: string | undefined = 'unset';
    const app = express();
    app.use((req, res) => {
      auth = req.headers.authorization;
      res.status(204).end();
    });
    const server = await listen(app);
    try {
      const { client } = createGraphClient({ baseUrl: `${server.url}/v1.0`, authProvider: authProviderFor(credentialFor({ kind: 'none' })), logger: silentLogger });
      await client.api('/users/u1/onlineMeetings/m1').delete();
      assert.equal(auth, undefined);
    } finally {
      await server.close();
    }
  });

  it('builds the @azure/identity credential the configuration names', () => {
    assert.equal(credentialFor({ kind: 'secret', tenantId: 't', clientId: 'c', clientSecret: 's' })?.constructor.name, 'ClientSecretCredential');
    assert.equal(credentialFor({ kind: 'certificate', tenantId: 't', clientId: 'c', certificatePath: '/nonexistent.pem' })?.constructor.name, 'ClientCertificateCredential');
    assert.equal(credentialFor({ kind: 'managedIdentity', clientId: 'c' })?.constructor.name, 'ManagedIdentityCredential');
    assert.equal(credentialFor({ kind: 'none' }), undefined);
  });
});

describe('graph call-event subscription end to end', () => {
  it('subscribes through the local service (which validates the webhook) and receives the call lifecycle, checked by the subscription\'s own secret', async () => {
    const t = await localBackend();
    const received: CallEvent[] = [];
    const secrets = new Map<string, string>();
    let wake: () => void = () => undefined;
    const app = express();
    app.post('/api/graph/notifications', createNotificationsHandler({
      clientStateOf: async (id) => secrets.get(id),
      logger: silentLogger,
      onEvents: async (events) => {
        received.push(...events);
        wake();
      },
    }));
    const hook = await listen(app);
    const waitFor = (n: number) =>
      new Promise<void>((resolve) => {
        wake = () => received.length >= n && resolve();
        wake();
      });
    try {
      const { meeting } = await t.backend.meetings.createOrGet({
        externalId: 'sub-1', organizer: person('alice'), subject: 'Lifecycle', start: new Date(), end: new Date(Date.now() + 1_800_000), attendees: [person('bob')],
      });
      const sub = await t.backend.subscribeCallEvents(meeting.joinUrl, `${hook.url}/api/graph/notifications`);
      assert.ok(sub.id);
      assert.ok(sub.expirationDateTime.getTime() <= Date.now() + 3 * 24 * 3_600_000);
      assert.match(sub.clientState, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
      secrets.set(sub.id, sub.clientState);

      await t.server.graph.calls.join(meeting.id, 'alice');
      await t.server.graph.calls.leave(meeting.id, 'alice');
      await waitFor(4);
      assert.deepEqual(received.map((e) => e.kind), ['callStarted', 'rosterUpdated', 'rosterUpdated', 'callEnded']);
      // Graph's shapes name no call; the lifecycle still sees one call, by order and time.
      const states = received.reduce<CallState[]>((acc, e) => [...acc, reduceCall(acc.at(-1) ?? { state: 'idle' }, e)], []);
      assert.equal(new Set(states.map((c) => (c.state === 'idle' ? '' : c.callId))).size, 1, 'one call for the whole call');
      assert.equal(states.at(-1)?.state, 'ended');
      assert.ok(received.every((e) => e.joinUrl === meeting.joinUrl), 'every event names the meeting by its join URL');
      const joined = received.find((e) => e.kind === 'rosterUpdated');
      assert.ok(joined?.kind === 'rosterUpdated' && joined.joined.some((u) => u.id === person('alice').id));
    } finally {
      await hook.close();
      await t.close();
    }
  });

  it('answers meeting_not_found when subscribing to a meeting that does not exist', async () => {
    const t = await localBackend();
    try {
      await assert.rejects(
        t.backend.subscribeCallEvents('http://127.0.0.1:1/local/meetings/nope', 'http://127.0.0.1:1/hook'),
        (error: unknown) => error instanceof Error && 'code' in error && error.code === 'meeting_not_found',
      );
    } finally {
      await t.close();
    }
  });
});
