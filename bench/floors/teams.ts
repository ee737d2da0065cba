// The Teams floor: a bare botbuilder bot (CloudAdapter, express) that answers a mention with one createOrGet by
// plain fetch and one Adaptive Card reply. Run as its own process by bench/server.bench.ts; prints its URL.
import type { AddressInfo } from 'node:net';
import { CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import express from 'express';
import { createOrGet, setting } from './shared';

function main(): void {
  const graph = setting('GRAPH_BASE_URL');
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const app = express();
  app.post('/api/messages', express.json(), async (req, res) => {
    await adapter.process(req, res, async (ctx: TurnContext) => {
      if (ctx.activity.type !== 'message') return;
      const subject = (ctx.activity.text ?? '').replace(/<at>[^<]*<\/at>/g, '').replace(/^\s*now\s+/, '').trim();
      const meeting = await createOrGet(graph, ctx.activity.id ?? '', subject);
      const card = CardFactory.adaptiveCard({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: meeting.subject, weight: 'Bolder', size: 'Medium', wrap: true },
          { type: 'FactSet', facts: [{ title: 'Starts', value: meeting.startDateTime }, { title: 'Ends', value: meeting.endDateTime }] },
        ],
        actions: [{ type: 'Action.OpenUrl', title: 'Join', url: meeting.joinWebUrl }],
      });
      await ctx.sendActivity({ attachments: [card] });
    });
  });
  const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    process.stderr.write(`floor listening at http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

main();
