// In Debian's Chromium: a clarifying question and the chatter help show their offered commands as buttons, and one
// click on a button makes the meeting.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/start';

const CHROMIUM = '/usr/bin/chromium';

describe('playground in a browser: offered commands', function () {
  this.timeout(120_000);
  let server: TestServer;
  let context: BrowserContext;
  let profile: string;
  let page: Page;

  before(async function () {
    if (!existsSync(CHROMIUM)) this.skip();
    server = await startTestServer();
    profile = mkdtempSync(join(tmpdir(), 'meetbot-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1440, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.click('[data-person="alice"]');
    await page.locator('[data-person="alice"][aria-checked="true"]').waitFor();
  });

  after(async () => {
    await context?.close();
    await server?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function send(text: string): Promise<void> {
    const before = await page.locator('.msg').count();
    await page.fill('#text', text);
    await page.press('#text', 'Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.msg').length > n + 1, before);
  }

  it('asks about "fridy" with a button for each reading, and the first one schedules the Friday meeting', async () => {
    await send('/meet fridy 3pm Retro');
    const question = page.locator('.msg.from-bot').last();
    assert.match(await question.innerText(), /but not "fridy"/);
    const buttons = question.locator('.suggestions button');
    const labels = await buttons.allInnerTexts();
    assert.equal(labels[0], 'friday 3pm Retro');
    assert.match(labels[1] ?? '', /"fridy Retro"$/, 'the second keeps the words as the subject');
    const cards = await page.locator('.msg[data-meeting-id]').count();
    await buttons.first().click();
    await page.waitForFunction((n) => document.querySelectorAll('.msg[data-meeting-id]').length > n, cards);
    assert.match(await page.locator('.msg[data-meeting-id]').last().innerText(), /Retro/);
  });
});
