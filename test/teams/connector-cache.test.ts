// Bot Connector clients are built once and kept, not once per turn: the incoming turn and the proactive one that
// posts the card share them.
import { strict as assert } from 'node:assert';
import type { Activity } from 'botbuilder';
import { keepingClients } from '../../adapters/teams/connector-cache';

const EMEA = 'https://smba.trafficmanager.net/emea/';
const AMER = 'https://smba.trafficmanager.net/amer/';

const mention = (serviceUrl: string): Activity =>
  ({
    type: 'message',
    id: '1772442000123',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b', aadObjectId: '6e1f9a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b' },
    recipient: { id: '28:9e2bd7c4-6a55-4b1f-8d3c-1f0e2a4b6c8d', name: 'meetbot' },
    conversation: { id: '19:2f6a0c1e9b7d4c85a3e1f0b2d4c6e8a0@thread.tacv2;messageid=1772442000123', isGroup: true, conversationType: 'channel', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
    text: '<at>meetbot</at> now Standup',
  }) as Activity;

describe('Teams connector clients', () => {
  it('builds one ConnectorClient per service URL and audience, however many turns use it', async () => {
    const auth = keepingClients({});
    const first = await auth.authenticateRequest(mention(EMEA), '');
    const second = await auth.authenticateRequest(mention(EMEA), '');
    assert.ok(first.connectorFactory && second.connectorFactory);
    const client = await first.connectorFactory.create(EMEA, first.audience);
    assert.equal(await second.connectorFactory.create(EMEA, second.audience), client);
    assert.equal(await auth.createConnectorFactory(first.claimsIdentity).create(EMEA, first.audience), client, 'a proactive turn gets the same client');
    const elsewhere = await auth.createConnectorFactory(first.claimsIdentity).create(AMER, first.audience);
    assert.notEqual(elsewhere, client);
    assert.equal(await auth.createConnectorFactory(first.claimsIdentity).create(AMER, first.audience), elsewhere);
  });

  it('builds one UserTokenClient per app', async () => {
    const auth = keepingClients({});
    const { claimsIdentity } = await auth.authenticateRequest(mention(EMEA), '');
    assert.equal(await auth.createUserTokenClient(claimsIdentity), await auth.createUserTokenClient(claimsIdentity));
  });
});
