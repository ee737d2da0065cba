import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SLACK_EVENTS_PATH, SLACK_METHODS } from '../../adapters/slack';
import { eventually, fixture, slashCommand, startHarness, type Harness } from './harness';

interface Manifest {
  display_information: { name: string; description: string; long_description: string };
  features: {
    app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; description: string; usage_hint: string; should_escape: boolean }[];
    shortcuts: { callback_id: string; type: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
}

const manifest = parse(readFileSync(join(__dirname, '..', '..', 'manifest', 'slack', 'manifest.yaml'), 'utf8')) as Manifest;

/** Scopes each subscribed event needs. */
const EVENT_SCOPES: Record<string, string[]> = { app_mention: ['app_mentions:read'], 'message.im': ['im:history'] };

describe('slack manifest agrees with the adapter', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  it('declares exactly the slash commands the adapter registers, escaped, on the events URL', () => {
    const commands = manifest.features.slash_commands;
    assert.deepEqual(commands.map((c) => c.command).sort(), [...h.adapter.registrations.commands].sort());
    for (const c of commands) {
      assert.equal(c.should_escape, true, 'mentions must arrive as <@U…>');
      assert.ok(c.command.length <= 32 && c.description.length <= 2000 && c.usage_hint.length <= 1000);
      assert.ok(c.url.endsWith(SLACK_EVENTS_PATH));
    }
  });

  it('subscribes to exactly the events the adapter handles', () => {
    assert.deepEqual([...manifest.settings.event_subscriptions.bot_events].sort(), [...h.adapter.registrations.events].sort());
    assert.ok(manifest.settings.event_subscriptions.request_url.endsWith(SLACK_EVENTS_PATH));
    assert.equal(manifest.features.app_home.messages_tab_enabled, true, 'people can DM the bot');
    assert.equal(manifest.features.app_home.messages_tab_read_only_enabled, false);
  });

  it('declares the global shortcuts the adapter registers, and turns on interactivity for its buttons and modals', () => {
    assert.deepEqual(manifest.features.shortcuts.map((s) => s.callback_id).sort(), [...h.adapter.registrations.shortcuts].sort());
    assert.ok(h.adapter.registrations.actions.length > 0 && h.adapter.registrations.views.length > 0);
    assert.equal(manifest.settings.interactivity.is_enabled, true);
    assert.ok(manifest.settings.interactivity.request_url.endsWith(SLACK_EVENTS_PATH));
  });

  it('requests every scope the registered handlers and called Web API methods need', () => {
    const scopes = new Set(manifest.oauth_config.scopes.bot);
    const needed = new Set<string>(Object.values(SLACK_METHODS).flat());
    if (h.adapter.registrations.commands.length) needed.add('commands');
    for (const e of h.adapter.registrations.events) for (const s of EVENT_SCOPES[e] ?? ['unknown scope for ' + e]) needed.add(s);
    for (const s of needed) assert.ok(scopes.has(s), `manifest lacks scope ${s}`);
  });

  it('calls only Web API methods listed with their scopes', async () => {
    await h.command(slashCommand(h));
    await h.event(fixture('message-im.json'));
    await eventually(() => h.slack.of('chat.postMessage').length >= 2);
    await h.adapter.idle();
    const known = new Set(Object.keys(SLACK_METHODS));
    for (const call of h.slack.calls) assert.ok(known.has(call.method), `${call.method} is called but not listed in SLACK_METHODS`);
  });

  it('keeps display fields within Slack’s limits and ships in HTTP mode', () => {
    const d = manifest.display_information;
    assert.ok(d.name.length <= 35 && d.description.length <= 140);
    assert.ok(d.long_description.length >= 174 && d.long_description.length <= 4000);
    assert.match(manifest.features.bot_user.display_name, /^[a-z0-9-_.]{1,80}$/);
    assert.equal(manifest.settings.socket_mode_enabled, false);
  });
});
