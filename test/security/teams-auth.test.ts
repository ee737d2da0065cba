// Teams tokens that are forged, or signed the wrong way, are the caller's problem: 401, and the reason only in the log.
import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import sinon from 'sinon';
import { stubBot } from '../fakes';
import { fixture, startHarness } from '../teams/helpers/harness';

const APP_ID = '1c8f3d2e-5a4b-4c6d-9e8f-0a1b2c3d4e5f';
const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

function token(alg: 'HS256' | 'RS256', sign: (input: string) => string): string {
  const now = Math.floor(Date.now() / 1000);
  const input = `${b64({ alg, typ: 'JWT', kid: 'pMhb9Dd2IjEwKx2GyF1r7nbYVA4' })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/emea/', nbf: now - 60, exp: now + 3600 })}`;
  return `${input}.${sign(input)}`;
}

describe('Teams: forged tokens', function () {
  this.timeout(20_000);
  const bot = stubBot({ handleInvocation: sinon.stub().resolves(), handleAction: sinon.stub().resolves({}), handleCallEvent: sinon.stub().resolves() });
  let h: Awaited<ReturnType<typeof startHarness>>;
  before(async () => {
    h = await startHarness(() => bot, { config: { appId: APP_ID, appPassword: 'Zq8~xKf2.Pd4nL7sVb1Hc9Wm3Ry6Tg0Ju5Ea', appType: 'MultiTenant', allowedTenantIds: [] } });
  });
  after(async () => h.close());

  for (const [name, jwt] of [
    ['an HS256 token signed with the app id', token('HS256', (i) => createHmac('sha256', APP_ID).update(i).digest('base64url'))],
    ['an RS256 token with a made-up signature', token('RS256', () => Buffer.alloc(256, 7).toString('base64url'))],
    ['a bearer value that is no JWT at all', 'not.a.jwt'],
  ] as const) {
    it(`answers ${name} with 401 and no reason in the body`, async () => {
      const res = await h.post(fixture('channel-message', h.connector.url), { authorization: `Bearer ${jwt}` });
      assert.equal(res.status, 401);
      assert.deepEqual(res.body, { error: 'The request could not be authenticated.' });
      sinon.assert.notCalled(bot.handleInvocation);
    });
  }
});
