// The Slack floor: a bare Bolt app that acks /meet, makes one createOrGet with a plain fetch and posts one Block Kit
// card with chat.postMessage. Run as its own process by bench/server.bench.ts; prints the URL it listens on.
import { App, LogLevel } from '@slack/bolt';
import { createOrGet, setting } from './shared';

async function main(): Promise<void> {
  const graph = setting('GRAPH_BASE_URL');
  const app = new App({
    signingSecret: setting('SLACK_SIGNING_SECRET'),
    token: setting('SLACK_BOT_TOKEN'),
    clientOptions: { slackApiUrl: setting('SLACK_API_URL') },
    logLevel: LogLevel.ERROR,
  });
  app.command('/meet', async ({ ack, command, client }) => {
    await ack();
    const subject = command.text.replace(/^now\s+/, '').replace(/<@[^>]+>/g, '').trim();
    const meeting = await createOrGet(graph, command.trigger_id, subject);
    await client.chat.postMessage({
      channel: command.channel_id,
      text: `${meeting.subject}: ${meeting.joinWebUrl}`,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: meeting.subject } },
        { type: 'section', text: { type: 'mrkdwn', text: `*Starts* <!date^${Math.floor(Date.parse(meeting.startDateTime) / 1000)}^{time}|${meeting.startDateTime}>` } },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Join' }, url: meeting.joinWebUrl, style: 'primary' }] },
      ],
    });
  });
  const port = Number(process.env.PORT ?? 0);
  const server = (await app.start({ port, host: '127.0.0.1' })) as unknown as import('node:http').Server;
  const address = server.address() as import('node:net').AddressInfo;
  process.stderr.write(`floor listening at http://127.0.0.1:${address.port}\n`);
  process.once('SIGTERM', () => void app.stop().then(() => process.exit(0)));
}

void main();
