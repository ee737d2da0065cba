// /api/calls with Teams credentials: only requests with a valid token of the calling service get through (issuer,
// audience = the bot's app id, signature by a key its OpenID configuration publishes). A locally generated key pair,
// served by a fake OpenID endpoint, stands in for Microsoft's.
import { strict as assert } from 'node:assert';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import jwt from 'jsonwebtoken';
import { startTestServer, type TestServer } from '../server/start';
import { until } from '../calendar/slack-server';

const APP_ID = '0efc74f7-41c3-47a4-8775-7259bfef4241';
const TENANT = '1fdd12d0-4620-44ed-baec-459b611f84b2';
const KID = 'calling-key-2026-11';

interface FakeOpenId {
  readonly url: string;
  readonly key: KeyObject;
  close(): Promise<void>;
}

async function startFakeOpenId(): Promise<FakeOpenId> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const app = express();
  let origin = '';
  app.get('/v1/.well-known/OpenIdConfiguration', (_req, res) => {
    res.json({ issuer: 'https://api.botframework.com', jwks_uri: `${origin}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] });
  });
  app.get('/v1/keys', (_req, res) => res.json({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256' }] }));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/v1/.well-known/OpenIdConfiguration`,
    key: privateKey,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const notification = (callId: string) => ({
  '@odata.type': '#microsoft.graph.commsNotifications',
  value: [{ '@odata.type': '#microsoft.graph.commsNotification', changeType: 'updated', resourceUrl: `/communications/calls/${callId}`, resourceData: { '@odata.type': '#microsoft.graph.call', state: 'established' } }],
});

describe('calling notifications at /api/calls, with Teams credentials', function () {
  this.timeout(30_000);
  let openId: FakeOpenId;
  let t: TestServer;
  before(async () => {
    openId = await startFakeOpenId();
    t = await startTestServer({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'calls-auth-test-password', LOG_LEVEL: 'info' }, { calling: { openIdUrl: openId.url } });
  });
  after(async () => {
    await t?.stop();
    await openId?.close();
  });

  const sign = (claims: Record<string, unknown>, key: KeyObject = openId.key, kid = KID) => jwt.sign({ tid: TENANT, ...claims }, key, { algorithm: 'RS256', keyid: kid, expiresIn: '1h' });
  const post = (authorization: string | undefined, callId = '491f0b00-ffff-4bc9-a43e-b226498ec22a') =>
    fetch(`${t.url}/api/calls`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(notification(callId)) });

  it('accepts a notification signed by the calling service for this app', async () => {
    assert.equal((await post(`Bearer ${sign({ iss: 'https://api.botframework.com', aud: APP_ID })}`)).status, 202);
    assert.equal((await post(`Bearer ${sign({ iss: 'https://graph.microsoft.com', aud: APP_ID })}`)).status, 202);
  });

  it('refuses a request without a token, or with something that is not a bearer token', async () => {
    assert.equal((await post(undefined)).status, 401);
    assert.equal((await post('Basic YWxpY2U6c2VjcmV0')).status, 401);
    assert.equal((await post('Bearer not-a-jwt')).status, 401);
  });

  it('refuses forged tokens: another key, another audience, another issuer, expired, or unsigned', async () => {
    const { privateKey: forger } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    assert.equal((await post(`Bearer ${sign({ iss: 'https://api.botframework.com', aud: APP_ID }, forger)}`)).status, 401, 'signed by another key under the same kid');
    assert.equal((await post(`Bearer ${sign({ iss: 'https://api.botframework.com', aud: APP_ID }, forger, 'unknown-kid')}`)).status, 401, 'a key nobody publishes');
    assert.equal((await post(`Bearer ${sign({ iss: 'https://api.botframework.com', aud: '7d3e9c6e-0000-4000-8000-00000000beef' })}`)).status, 401, 'another app');
    assert.equal((await post(`Bearer ${sign({ iss: 'https://evil.example', aud: APP_ID })}`)).status, 401, 'another issuer');
    const expired = jwt.sign({ iss: 'https://api.botframework.com', aud: APP_ID, exp: Math.floor(Date.now() / 1000) - 3600 }, openId.key, { algorithm: 'RS256', keyid: KID });
    assert.equal((await post(`Bearer ${expired}`)).status, 401, 'expired');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid: KID })).toString('base64url')}.${Buffer.from(JSON.stringify({ iss: 'https://api.botframework.com', aud: APP_ID })).toString('base64url')}.`;
    assert.equal((await post(`Bearer ${unsigned}`)).status, 401, 'alg none');
    const refusals = t.logs().filter((l) => l.msg === 'calling notification refused: no valid token of the calling service');
    assert.ok(refusals.length >= 6);
  });

  it('ignores notifications about calls the bot did not place, and logs each such call once', async () => {
    const token = `Bearer ${sign({ iss: 'https://api.botframework.com', aud: APP_ID })}`;
    const callId = '8a934f51-f25b-4ee1-9613-d4049491857b';
    assert.equal((await post(token, callId)).status, 202);
    assert.equal((await post(token, callId)).status, 202);
    // A third call's line shows the two before it were handled.
    const other = 'c5b8e0a1-3f27-4d69-8e11-2b7f9d40a6c3';
    assert.equal((await post(token, other)).status, 202);
    await until(() => t.logs().some((l) => l.callId === other) || undefined);
    const logged = t.logs().filter((l) => l.msg === 'calling notification for a call this server did not place; ignored' && l.callId === callId);
    assert.equal(logged.length, 1);
  });
});

describe('/api/calls without Teams credentials', function () {
  this.timeout(30_000);
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('does not exist when the meetings are on a remote Graph, where its callbacks could not be authenticated', async () => {
    t = await startTestServer({ GRAPH_BASE_URL: 'http://127.0.0.1:9/v1.0' });
    const res = await fetch(`${t.url}/api/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(notification('491f0b00-ffff-4bc9-a43e-b226498ec22a')) });
    assert.equal(res.status, 404);
  });

  it('exists in local mode, for the embedded service', async () => {
    t = await startTestServer({});
    const res = await fetch(`${t.url}/api/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(notification('491f0b00-ffff-4bc9-a43e-b226498ec22a')) });
    assert.equal(res.status, 202);
  });
});

describe('/api/calls bodies', function () {
  this.timeout(30_000);
  let t: TestServer;
  before(async () => (t = await startTestServer({})));
  after(() => t?.stop());

  it('answers 400 to a body that is no commsNotifications or no JSON, and 415 to another content type', async () => {
    const post = (body: string, type: string) => fetch(`${t.url}/api/calls`, { method: 'POST', headers: { 'content-type': type }, body });
    assert.equal((await post('{"value":', 'application/json')).status, 400);
    assert.equal((await post('{"values":[]}', 'application/json')).status, 400);
    assert.equal((await post('<value/>', 'application/xml')).status, 415);
  });
});
