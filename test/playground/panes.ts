// Reads what a person sees in the playground's two renderings of one card: the Teams pane and the Slack pane.
import type { Locator, Page } from 'playwright-core';

/** One pane, as read off the page. */
interface Pane {
  /** The date and time line as shown. */
  readonly when: string;
  /** Day of the month the meeting starts on, as shown (relative words resolved in the reader's zone). */
  readonly day: number;
  readonly status: string;
  readonly attendees: string[];
  /** Every button label, the overflow menu's included, in order. */
  readonly buttons: string[];
  /** The reschedule form's starting values. */
  readonly reschedule: { date: string; time: string; durationMinutes: string };
}

/** Both panes of a card, plus Slack's fallback text for its date tokens and the Teams-only parts. */
export interface Panes {
  readonly teams: Pane & { readonly primary: string[]; readonly copyLink: string };
  readonly slack: Pane & { readonly fallback: string; readonly links: string[] };
}

const RELATIVE: Record<string, number> = { today: 0, tomorrow: 1, yesterday: -1, сегодня: 0, завтра: 1, вчера: -1 };

function dayIn(zone: string, offsetDays: number): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone: zone, day: 'numeric' }).format(new Date(Date.now() + offsetDays * 864e5)));
}

/** The day of the month in a date text: a relative word, or the first number that is not part of a time or year. */
function dayOf(text: string, zone: string): number {
  const word = /^\s*([\p{L}]+)/u.exec(text)?.[1]?.toLowerCase();
  if (word && word in RELATIVE) return dayIn(zone, RELATIVE[word] ?? 0);
  const match = /(?<![\d:])(\d{1,2})(?![\d:])/.exec(text);
  return Number(match?.[1] ?? NaN);
}

const afterLabel = (text: string): string => text.slice(text.indexOf(': ') + 2).trim();
const names = (text: string): string[] => text.split(/,\s*/).map((n) => n.trim()).filter(Boolean);

async function teamsPane(card: Locator, zone: string, rescheduleLabel: string): Promise<Panes['teams']> {
  const teams = card.locator('.platform.teams');
  const blocks = await teams.locator('.ac-adaptiveCard > .ac-container .ac-textBlock, .ac-adaptiveCard .ac-textBlock').allInnerTexts();
  const [status = '', , when = '', , attendeesLine = ''] = blocks.map((b) => b.trim());
  const root = teams.locator('.ac-adaptiveCard').first();
  // The root card's buttons: the first action set on the card (the body has none; shown cards come after it).
  const rootButtons = root.locator('.ac-actionSet').first().locator(':scope > button.ac-pushButton');
  const labels = (await rootButtons.allInnerTexts()).map((t) => t.trim());
  const overflowAt = labels.findIndex((l) => /^(\.\.\.|…)$/.test(l));
  const primary = overflowAt < 0 ? labels : labels.slice(0, overflowAt);
  let secondary: string[] = [];
  let reschedule = { date: '', time: '', durationMinutes: '' };
  if (overflowAt >= 0) {
    await rootButtons.nth(overflowAt).click();
    const menu = teams.page().locator('.ac-ctrl-popup-container .ac-ctrl-dropdown-item');
    await menu.first().waitFor();
    secondary = (await menu.allInnerTexts()).map((t) => t.trim());
    if (!secondary.includes(rescheduleLabel)) await teams.page().keyboard.press('Escape');
    else {
      await menu.filter({ hasText: rescheduleLabel }).first().click();
      await teams.locator('input[type="date"]').first().waitFor();
      reschedule = {
      date: await teams.locator('input[type="date"]').first().inputValue(),
      time: await teams.locator('input[type="time"]').first().inputValue(),
        durationMinutes: await teams.locator('input[type="number"]').first().inputValue(),
      };
    }
  }
  return {
    when,
    day: dayOf(when, zone),
    status: status.replace(/^[^\p{L}]+/u, ''),
    attendees: names(afterLabel(attendeesLine)),
    buttons: [...primary, ...secondary],
    primary,
    copyLink: secondary.at(-1) ?? '',
    reschedule,
  };
}

async function slackPane(card: Locator, zone: string): Promise<Panes['slack'] & { rescheduleLabel: string }> {
  const slack = card.locator('.platform.slack');
  const sections = slack.locator('.sk-section');
  const status = afterLabel(await sections.nth(0).locator('.sk-text').innerText());
  const lines = (await sections.nth(1).locator('.sk-text').innerText()).split('\n').map((l) => l.trim());
  const when = lines[1] ?? '';
  const fallback = (await slack.locator('time.sk-date').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''))).join(' – ');
  const buttons = (await slack.locator('.sk-actions .sk-btn').allInnerTexts()).map((t) => t.trim());
  const links = (await slack.locator('.sk-context a').allInnerTexts()).map((t) => t.trim());
  const rescheduleButton = slack.locator('.sk-actions .sk-btn[data-action-id="meetbot_reschedule"]');
  const rescheduleLabel = (await rescheduleButton.count()) ? (await rescheduleButton.innerText()).trim() : '';
  let reschedule = { date: '', time: '', durationMinutes: '' };
  if (rescheduleLabel) {
    await rescheduleButton.click();
    await slack.locator('.sk-form').waitFor();
    reschedule = {
      date: await slack.locator('.sk-form input[name="date"]').inputValue(),
      time: await slack.locator('.sk-form input[name="time"]').inputValue(),
      durationMinutes: await slack.locator('.sk-form input[name="durationMinutes"]').inputValue(),
    };
    await slack.locator('.sk-form [data-cancel]').click();
  }
  return { when, day: dayOf(when, zone), status, attendees: names(lines[3] ?? ''), buttons, links, fallback, reschedule, rescheduleLabel };
}

/** Reads both panes of `card` as `zone`'s reader sees them (opens and closes the reschedule forms on the way). */
export async function readPanes(card: Locator, zone = Intl.DateTimeFormat().resolvedOptions().timeZone): Promise<Panes> {
  const { rescheduleLabel, ...slack } = await slackPane(card, zone);
  const teams = await teamsPane(card, zone, rescheduleLabel);
  return { teams, slack };
}

/** Labels of visible buttons whose text does not fit: the button or any element inside it cut or clipped. */
export async function truncatedButtons(page: Page): Promise<string[]> {
  return page.locator('.ac-pushButton, .sk-btn').evaluateAll((buttons) =>
    buttons
      .filter((b) => (b as HTMLElement).offsetParent !== null)
      .filter((b) => [b, ...b.querySelectorAll('*')].some((e) => e.scrollWidth > e.clientWidth + 1))
      .map((b) => `${(b as HTMLElement).innerText.trim()} (${b.getAttribute('title') ?? ''}, ${b.clientWidth}px)`),
  );
}
