import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { stubBot } from '../fakes';
import { fixture, startHarness } from './helpers/harness';

describe('Teams inbound authentication', () => {
  it('rejects an unauthenticated request with 401 once MICROSOFT_APP_ID is configured', async () => {
    const bot = stubBot({ handleInvocation: sinon.stub().resolves(), handleAction: sinon.stub().resolves({}), handleCallEvent: sinon.stub().resolves() });
    const h = await startHarness(() => bot, {
      config: { appId: '00000000-0000-4000-8000-0000000000aa', appPassword: 'not-a-real-secret', appType: 'MultiTenant', allowedTenantIds: [] },
    });
    try {
      const res = await h.post(fixture('channel-message', h.connector.url));
      assert.equal(res.status, 401);
      sinon.assert.notCalled(bot.handleInvocation);
      assert.equal(h.connector.calls.length, 0);
      assert.ok(!JSON.stringify(h.logger.entries).includes('not-a-real-secret'));
    } finally {
      await h.close();
    }
  });
});
