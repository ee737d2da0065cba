// Drives the playground in Debian's Chromium like a newcomer: create a meeting, see both cards, add someone, join the call.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/start';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

describe('playground in a browser', function () {
  this.timeout(90_000);
  let server: TestServer;
  let context: BrowserContext;
  let profile: string;
  let page: Page;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.warn(`\n  !!! SKIPPING the playground browser tests: ${CHROMIUM} is missing. Install it: apt-get install -y chromium\n`);
      this.skip();
    }
    server = await startTestServer();
    profile = mkdtempSync(join(tmpdir(), 'meetbot-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1440, height: 1000 },
      timezoneId: 'Europe/Berlin',
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  after(async () => {
    await context?.close();
    await server?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const card = () => page.locator('.msg[data-meeting-id]').last();

  it('creates a meeting from /meet and shows the Teams card and the Slack message, each with a join link', async () => {
    await page.goto(server.url);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.locator('[data-person="alice"][aria-checked="true"]').waitFor();
    await page.fill('#text', '/meet now Demo @bob');
    await page.press('#text', 'Enter');
    await card().locator('.platform.teams .ac-adaptiveCard').waitFor();
    const teamsText = await card().locator('.platform.teams').innerText();
    assert.match(teamsText, /Demo/);
    assert.match(teamsText, /@?Bob Smith/);
    const teamsJoin = card().locator('.platform.teams a[href*="/local/meetings/"]').first();
    assert.ok(await teamsJoin.count(), 'the Teams card links to the join page');
    const slackText = await card().locator('.platform.slack .sk-message').innerText();
    assert.match(slackText, /Demo/);
    assert.match(slackText, /Bob Smith/);
    const slackJoin = await card().locator('.platform.slack a.sk-btn[href*="/local/meetings/"]').getAttribute('href');
    assert.ok(slackJoin, 'the Slack message has a Join button');
  });

  it('lets another person click Add me and updates the card in place', async () => {
    await page.click('[data-person="carol"]');
    await card().locator('.platform.teams .ac-adaptiveCard').waitFor();
    await card().locator('.platform.teams button', { hasText: 'Add me' }).first().click();
    await page.waitForFunction(() => {
      const slack = [...document.querySelectorAll('.msg[data-meeting-id] .platform.slack')].pop();
      return slack?.textContent?.includes('Carol Martinez') ?? false;
    });
    assert.match(await card().locator('.platform.teams').innerText(), /Carol Martinez/);
  });

  it('opens the join link, joins the call there, and the playground card goes live', async () => {
    const href = await card().locator('.platform.slack a.sk-btn[href*="/local/meetings/"]').getAttribute('href');
    const joinPage = await context.newPage();
    await joinPage.goto(href ?? '');
    assert.match(await joinPage.locator('body').innerText(), /Demo/);
    await joinPage.selectOption('form[action$="/join"] select', { index: 0 });
    await joinPage.click('form[action$="/join"] button');
    await joinPage.waitForLoadState();
    await page.bringToFront();
    await page.waitForFunction(() => {
      const slack = [...document.querySelectorAll('.msg[data-meeting-id]')].pop()?.querySelector('.platform.slack .sk-section');
      return /live/i.test(slack?.textContent ?? '');
    });
    await joinPage.close();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png'), fullPage: false });
  });
});
