// Drives the playground in Debian's Chromium like a newcomer: create a meeting, see both cards, add someone, join the
// call; then, for readers in three zones and both languages, checks that the Teams pane, the Slack pane and Slack's own
// fallback text tell the same truth, that no button label is cut, and that the page works at 768 px and after a reload.
import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/start';
import { readPanes, truncatedButtons, type Panes } from './panes';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const README_SHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/** The README's screenshots are refreshed from these runs when MEETBOT_UPDATE_SCREENSHOTS=1. */
function keep(file: string, readmeName?: string): void {
  if (readmeName && process.env.MEETBOT_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(README_SHOTS, { recursive: true });
    copyFileSync(join(ARTIFACTS, file), join(README_SHOTS, readmeName));
  }
}

/** The times of day in a text ("3:00", "15:00"), in order. */
const times = (text: string): string[] => [...text.matchAll(/\b(\d{1,2}):(\d{2})\b/g)].map((m) => `${Number(m[1])}:${m[2]}`);

/** Readers from the local directory, each in their own zone and language. */
const READERS = [
  { id: 'alice', zone: 'America/Los_Angeles', locale: 'en', command: '/meet now Demo @bob', subject: 'Demo', invited: ['Bob Smith'] },
  { id: 'bob', zone: 'Europe/London', locale: 'en', command: '/meet tomorrow 15:00 Review @carol for 60 minutes', subject: 'Review', invited: ['Carol Martinez'] },
  { id: 'dmitry', zone: 'Europe/Moscow', locale: 'ru', command: '/meet завтра в 15:00 Планёрка @alice', subject: 'Планёрка', invited: ['Alice Johnson'] },
] as const;

describe('playground in a browser', function () {
  this.timeout(120_000);
  let server: TestServer;
  let context: BrowserContext;
  let profile: string;
  let page: Page;
  const missing: string[] = [];

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
      // A browser zone unlike every reader's: the page must show each reader's own zone, never the browser's.
      timezoneId: 'Asia/Tokyo',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('response', (res) => {
      if (res.status() === 404) missing.push(res.url());
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await context?.close();
    await server?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const card = (): Locator => page.locator('.msg[data-meeting-id]').last();

  async function become(id: string): Promise<void> {
    if (!(await page.locator('body[data-ready="true"]').count())) {
      await page.goto(server.url);
      await page.locator('body[data-ready="true"]').waitFor();
    }
    if ((await page.locator('#menu').isVisible()) && !(await page.locator('#sidebar').isVisible())) await page.click('#menu');
    await page.click(`[data-person="${id}"]`);
    await page.locator(`[data-person="${id}"][aria-checked="true"]`).waitFor();
  }

  async function send(text: string): Promise<void> {
    const before = await page.locator('.msg').count();
    await page.fill('#text', text);
    await page.press('#text', 'Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.msg').length > n + 1, before);
  }

  it('creates a meeting from /meet and shows the Teams card and the Slack message, each with a join link', async () => {
    await become('alice');
    assert.deepEqual(missing, [], 'the page loads without a 404 (favicon included)');
    await send('/meet now Demo @bob');
    await card().locator('.platform.teams .ac-adaptiveCard').waitFor();
    const teamsText = await card().locator('.platform.teams').innerText();
    assert.match(teamsText, /Demo/);
    assert.match(teamsText, /@?Bob Smith/);
    const teamsJoin = card().locator('.platform.teams a[href*="/local/meetings/"]').first();
    assert.ok(await teamsJoin.count(), 'the Teams card links to the join page');
    assert.doesNotMatch(await teamsJoin.innerText(), /context=/, 'the link is short and labelled, not the raw URL');
    const slackText = await card().locator('.platform.slack .sk-message').innerText();
    assert.match(slackText, /Demo/);
    assert.match(slackText, /Bob Smith/);
    const slackJoin = await card().locator('.platform.slack a.sk-btn[href*="/local/meetings/"]').getAttribute('href');
    assert.ok(slackJoin, 'the Slack message has a Join button');
  });

  for (const reader of READERS) {
    it(`tells ${reader.id} (${reader.zone}, ${reader.locale}) the same date, time, status, people and buttons in both panes and in Slack's fallback`, async () => {
      await become(reader.id);
      await send(reader.command);
      await card().locator('.platform.teams .ac-adaptiveCard').waitFor();
      const panes: Panes = await readPanes(card(), reader.zone);
      // The time of day: what Teams shows is what Slack shows is what Slack's fallback text says.
      assert.ok(panes.teams.when.length > 0 && panes.slack.when.length > 0, JSON.stringify(panes));
      assert.deepEqual(times(panes.teams.when), times(panes.slack.when), `Teams "${panes.teams.when}" vs Slack "${panes.slack.when}"`);
      assert.deepEqual(times(panes.slack.fallback).slice(0, 2), times(panes.slack.when), `Slack "${panes.slack.when}" vs its fallback "${panes.slack.fallback}"`);
      // The reader's own wall clock, not the browser's (Tokyo).
      const start = new Intl.DateTimeFormat('en-US', { timeZone: reader.zone, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' });
      const [startTime] = times(panes.teams.when);
      const hourFromCard = Number(startTime?.split(':')[0]);
      if (reader.command.includes('15:00')) assert.ok(hourFromCard === 15 || hourFromCard === 3, `${startTime} is 15:00 in ${reader.zone}`);
      else assert.equal(`${hourFromCard % 12}`, `${Number(start.format(new Date()).split(':')[0]) % 12}`, `now in ${reader.zone}`);
      // The day: the same calendar day in the reader's zone on both panes.
      assert.equal(panes.teams.day, panes.slack.day, `day: Teams ${panes.teams.day} vs Slack ${panes.slack.day}`);
      // Words in the reader's language.
      if (reader.locale === 'ru') {
        assert.match(panes.teams.when, /[а-я]/i, 'Russian dates on the Teams card');
        assert.match(panes.slack.when + panes.slack.fallback, /[а-я]/i, 'Russian dates on the Slack card');
        assert.doesNotMatch(panes.teams.when, /\b(AM|PM)\b/);
      }
      assert.equal(panes.teams.status, panes.slack.status, 'status');
      assert.deepEqual(panes.teams.attendees, [...reader.invited]);
      assert.deepEqual(panes.slack.attendees, [...reader.invited]);
      // Teams has Copy link besides; what Slack shows as a link under the buttons (the calendar) is a menu item in Teams.
      const teamsOnly = (b: string): boolean => b === panes.teams.copyLink || panes.slack.links.includes(b);
      assert.deepEqual(panes.teams.buttons.filter((b) => !teamsOnly(b)), panes.slack.buttons, 'the same buttons, Teams adding only Copy link');
      for (const link of panes.slack.links) assert.ok(panes.teams.buttons.includes(link), `${link} on both`);
      assert.equal(panes.teams.primary[0], panes.slack.buttons[0], 'Join comes first and is the primary button');
      // The reschedule forms start from the meeting's own time and length in the reader's zone, on both.
      assert.deepEqual(panes.teams.reschedule, panes.slack.reschedule, 'reschedule forms');
      assert.equal(times(panes.teams.when)[0], String(Number(panes.teams.reschedule.time.split(':')[0]) % (/(AM|PM)/.test(panes.teams.when) ? 12 : 24) || (/(AM|PM)/.test(panes.teams.when) ? 12 : 0)) + ':' + panes.teams.reschedule.time.split(':')[1]);
      for (const width of [1024, 1440]) {
        await page.setViewportSize({ width, height: 1000 });
        await card().scrollIntoViewIfNeeded();
        assert.deepEqual(await truncatedButtons(page), [], `no button label is cut at ${width} px`);
        await card().locator('.platform.teams').screenshot({ path: join(ARTIFACTS, `teams-${reader.id}-${width}.png`) });
        await card().locator('.platform.slack').screenshot({ path: join(ARTIFACTS, `slack-${reader.id}-${width}.png`) });
      }
      await page.setViewportSize({ width: 1440, height: 1000 });
    });
  }

  it('shows hostile words literally in every reply, in both panes, as Slack and Teams would', async () => {
    await become('alice');
    await send("/meet now Launch <script>x</script> R&D <draft> party @bob");
    await card().locator('.platform.teams .ac-adaptiveCard').waitFor();
    const literal = 'Launch <script>x</script> R&D <draft> party';
    assert.ok((await card().locator('.platform.teams').innerText()).includes(literal), 'Teams card title');
    assert.ok((await card().locator('.platform.slack').innerText()).includes(literal), 'Slack header');
    await send('/meet list');
    const list = page.locator('.msg.from-bot').last();
    for (const pane of ['teams', 'slack']) assert.ok((await list.locator(`.platform.${pane}`).innerText()).includes(literal), `${pane} list`);
    await send('/meet help');
    const help = page.locator('.msg.from-bot').last();
    for (const pane of ['teams', 'slack']) assert.ok((await help.locator(`.platform.${pane}`).innerText()).includes('/meet cancel <id>'), `${pane} help`);
    assert.equal(await page.locator('.msg script').count(), 0);
  });

  it('lets another person click Add me and confirms it, naming the meeting, with a link to the card', async () => {
    await become('alice');
    await send('/meet now Add-me check @bob');
    await become('carol');
    await card().locator('.platform.teams .ac-adaptiveCard').waitFor();
    // Add me sits in the Teams card's overflow menu, next to the one primary button, Join.
    await card().locator('.platform.teams button[aria-label="More options"]').first().click();
    await page.locator('.ac-ctrl-popup-container .ac-ctrl-dropdown-item', { hasText: 'Add me' }).click();
    await page.waitForFunction(() => {
      const slack = [...document.querySelectorAll('.msg[data-meeting-id] .platform.slack')].pop();
      return slack?.textContent?.includes('Carol Martinez') ?? false;
    });
    assert.match(await card().locator('.platform.teams').innerText(), /Carol Martinez/);
    const confirmation = page.locator('.msg.from-bot').last();
    assert.match(await confirmation.innerText(), /Carol Martinez was added to "Add-me check"/);
    await confirmation.locator('a.card-link').click();
  });

  it('opens the join link, joins the call there, and both cards show the live status at the top', async () => {
    await become('alice');
    const href = await card().locator('.platform.slack a.sk-btn[href*="/local/meetings/"]').getAttribute('href');
    const joinPage = await context.newPage();
    await joinPage.goto(href ?? '');
    assert.match(await joinPage.locator('body').innerText(), /Add-me check/);
    await joinPage.selectOption('form[action$="/join"] select', { index: 0 });
    await joinPage.click('form[action$="/join"] button');
    await joinPage.waitForLoadState();
    assert.doesNotMatch(await joinPage.locator('#call').innerText(), /\d{4}-\d{2}-\d{2}T/, 'a readable time on the join page');
    await joinPage.close();
    await page.bringToFront();
    await page.waitForFunction(() => {
      const last = [...document.querySelectorAll('.msg[data-meeting-id]')].pop();
      return /live/i.test(last?.querySelector('.platform.slack .sk-section')?.textContent ?? '');
    });
    const panes = await readPanes(card(), 'America/Los_Angeles');
    assert.match(panes.teams.status, /^Live now/);
    assert.equal(panes.teams.status, panes.slack.status);
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png'), fullPage: false });
    keep('playground.png', 'playground.png');
    await card().locator('.card-views').screenshot({ path: join(ARTIFACTS, 'live-card.png') });
    keep('live-card.png', 'live-card.png');
  });

  it('works at 768 px: the sidebar folds into a menu that still switches people and conversations', async () => {
    await page.setViewportSize({ width: 768, height: 1000 });
    await page.locator('#sidebar').waitFor({ state: 'hidden' });
    await page.click('#menu');
    await page.locator('[data-person="dmitry"]').waitFor({ state: 'visible' });
    await page.click('[data-person="dmitry"]');
    await page.locator('[data-person="dmitry"][aria-checked="true"]').waitFor({ state: 'attached' });
    await page.waitForFunction(() => !document.querySelector('.app')?.classList.contains('menu-open'));
    assert.deepEqual(await truncatedButtons(page), [], 'no button label is cut at 768 px');
    const box = await page.locator('#composer').boundingBox();
    assert.ok(box && box.width <= 768, 'the composer fits');
    await page.screenshot({ path: join(ARTIFACTS, 'playground-768.png') });
    await page.setViewportSize({ width: 1440, height: 1000 });
  });

  it('shows the same history after a reload', async () => {
    await become('alice');
    const before = await page.locator('.msg').count();
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('.msg').length >= n, before);
    assert.equal(await page.locator('.msg').count(), before);
  });
});
