// The summary after a call, through the core: found once the report appears, posted once per call whatever the
// number of instances and deliveries, and counted on every card.
import { strict as assert } from 'node:assert';
import type { Bot } from '../../src/bot-api';
import type { AttendanceReport, AttendanceSource, Background, BackgroundTask } from '../../src/meetings/ports';
import type { CallEvent } from '../../src/lifecycle/types';
import { alice, bob, chat } from '../fakes';
import { createHarness, type Harness } from '../fakes/harness';

/** Graph's reports: each appears only after `lateBy` reads, as real reports appear minutes after a call. */
class LateReports implements AttendanceSource {
  readonly reads: string[] = [];
  private readonly pending: { report: AttendanceReport; lateBy: number }[] = [];
  add(report: AttendanceReport, lateBy: number): void {
    this.pending.push({ report, lateBy });
  }
  async reports(_organizerId: string, meetingId: string): Promise<AttendanceReport[]> {
    this.reads.push(meetingId);
    for (const p of this.pending) p.lateBy -= 1;
    return this.pending.filter((p) => p.lateBy < 0).map((p) => p.report);
  }
}

/** Retries without pausing, bounded, through the bot it is attached to (as the queue's worker would); `idle()` waits for every run. */
class ImmediateBackground implements Background {
  private readonly runs: Promise<void>[] = [];
  private bot?: Bot;
  constructor(private readonly tries = 5) {}
  attach(bot: Bot): this {
    this.bot = bot;
    return this;
  }
  schedule(task: BackgroundTask): void {
    // Through JSON-like copies of the task, as a job would carry it.
    const copy: BackgroundTask = { ...task, call: { ...task.call } };
    this.runs.push((async () => {
      for (let i = 0; i < this.tries; i++) {
        await new Promise((resolve) => setImmediate(resolve));
        if (await this.bot?.runTask(copy)) return;
      }
    })());
  }
  async idle(): Promise<void> {
    await Promise.all(this.runs);
  }
}

const minute = (start: number, n: number): Date => new Date(start + n * 60_000);

function report(start: number, from: number, to: number, people: Array<[typeof alice, Array<[number, number]>]>): AttendanceReport {
  return {
    id: `report-${from}`,
    start: minute(start, from),
    end: minute(start, to),
    records: people.map(([user, spans]) => ({
      userId: user.id,
      displayName: user.displayName,
      ...(user.mail ? { email: user.mail } : {}),
      totalSeconds: spans.reduce((s, [a, b]) => s + (b - a) * 60, 0),
      intervals: spans.map(([a, b]) => ({ join: minute(start, a), leave: minute(start, b), seconds: (b - a) * 60 })),
    })),
  };
}

async function meetingWithCall(h: Harness): Promise<{ joinUrl: string; messageId: string; start: number }> {
  const reply = (await h.invoke('/meet now Standup <@UBOB> <@UCAROL>', { as: chat.alice.slack })).only();
  assert.equal(reply.kind, 'card');
  const meetingId = reply.kind === 'card' ? reply.card.meetingId : '';
  return { joinUrl: h.meetings.meetings.get(meetingId)?.joinUrl ?? '', messageId: '', start: h.clock.now().getTime() };
}

describe('bot: the summary after a call', () => {
  it('waits for the report, then posts one summary and counts who came, though the end arrives three times at two instances', async () => {
    const reports = new LateReports();
    const background = new ImmediateBackground();
    const one = createHarness({ attendance: reports, background });
    const two = createHarness({ attendance: reports, background, shared: { clock: one.clock, meetings: one.meetings, directory: one.directory, store: one.store } });
    background.attach(two.bot);
    const outbox = await one.invoke('/meet now Standup <@UBOB> <@UCAROL>', { as: chat.alice.slack });
    const card = outbox.only();
    assert.equal(card.kind, 'card');
    const meetingId = card.kind === 'card' ? card.card.meetingId : '';
    const joinUrl = one.meetings.meetings.get(meetingId)?.joinUrl ?? '';
    const messageId = outbox.refs[0]?.messageId ?? '';
    const start = one.clock.now().getTime();
    const at = (n: number) => minute(start, n);
    const events: CallEvent[] = [
      { kind: 'callStarted', joinUrl, at: at(1) },
      { kind: 'rosterUpdated', joinUrl, at: at(1), joined: [alice], left: [] },
      { kind: 'rosterUpdated', joinUrl, at: at(2), joined: [bob], left: [] },
      { kind: 'rosterUpdated', joinUrl, at: at(13), joined: [], left: [alice, bob] },
    ];
    for (const e of events) await one.call(e);
    reports.add(report(start, 1, 13, [[alice, [[1, 13]]], [bob, [[2, 5], [6, 13]]]]), 2);

    const ended: CallEvent = { kind: 'callEnded', joinUrl, at: at(13) };
    await Promise.all([one.call(ended), two.call(ended), one.call(ended)]);
    await background.idle();

    const posts = [...one.messenger.threadPosts, ...two.messenger.threadPosts];
    assert.equal(posts.length, 1, 'one summary for the call');
    assert.equal(posts[0]?.card.ref.messageId, messageId, 'in the thread of the posted card');
    assert.deepEqual(posts[0]?.text.split('\n').slice(1), ['• Alice Smith: 12 min', '• Bob Jones: 10 min (joined 2 times)', 'Invited but did not come: Carol White']);
    assert.ok(reports.reads.length >= 3, 'read again until the report appeared');
    const latest = [...one.messenger.updatesOf(messageId), ...two.messenger.updatesOf(messageId)].at(-1);
    assert.equal(latest?.statusText, 'Ended · 12 min · 2 of 3 attended');

    // The same end again, later: nothing more.
    await two.call(ended);
    await background.idle();
    assert.equal(one.messenger.threadPosts.length + two.messenger.threadPosts.length, 1);
  });

  it('gives up quietly when the report never appears, and posts nothing without an attendance source', async () => {
    const reports = new LateReports();
    const background = new ImmediateBackground(3);
    const h = createHarness({ attendance: reports, background });
    background.attach(h.bot);
    const { joinUrl, start } = await meetingWithCall(h);
    await h.call({ kind: 'callStarted', joinUrl, at: minute(start, 1) });
    await h.call({ kind: 'callEnded', joinUrl, at: minute(start, 9) });
    await background.idle();
    assert.equal(reports.reads.length, 3, 'bounded');
    assert.equal(h.messenger.threadPosts.length, 0);

    const plain = createHarness();
    const other = await meetingWithCall(plain);
    await plain.call({ kind: 'callStarted', joinUrl: other.joinUrl, at: minute(other.start, 1) });
    await plain.call({ kind: 'callEnded', joinUrl: other.joinUrl, at: minute(other.start, 9) });
    assert.equal(plain.messenger.threadPosts.length, 0);
    assert.equal(plain.messenger.updates.at(-1)?.view.statusText, 'Ended, lasted 8 min');
  });

  it('writes the summary in the reader\'s language', async () => {
    const reports = new LateReports();
    const h = createHarness({ attendance: reports });
    const outbox = await h.invoke('/meet now Планёрка <@UCAROL>', { as: chat.bob.slack });
    const card = outbox.only();
    const meetingId = card.kind === 'card' ? card.card.meetingId : '';
    const joinUrl = h.meetings.meetings.get(meetingId)?.joinUrl ?? '';
    const start = h.clock.now().getTime();
    reports.add(report(start, 0, 5, [[bob, [[0, 5]]]]), 0);
    await h.call({ kind: 'callStarted', joinUrl, at: minute(start, 0) });
    await h.call({ kind: 'callEnded', joinUrl, at: minute(start, 5) });
    assert.match(h.messenger.threadPosts[0]?.text ?? '', /^Итог звонка: Планёрка · .* · длился 5 минут\n• Bob Jones: 5 минут\nБыли приглашены, но не пришли: Carol White$/);
  });

  it('summarises a call no notification told of once the meeting\'s end has passed, once, and never again for one already summarised', async () => {
    const reports = new LateReports();
    const h = createHarness({ attendance: reports });
    const outbox = await h.invoke('/meet tomorrow 15:00 30m Review <@UBOB>', { as: chat.alice.slack });
    const card = outbox.only();
    const meetingId = card.kind === 'card' ? card.card.meetingId : '';
    const start = h.meetings.meetings.get(meetingId)?.start.getTime() ?? 0;
    reports.add(report(start, 0, 25, [[alice, [[0, 25]]], [bob, [[3, 20]]]]), 0);
    h.clock.set(new Date(start + 20 * 60_000));
    await h.bot.sweepSummaries?.();
    assert.equal(h.messenger.threadPosts.length, 0, 'not before the meeting\'s end');
    h.clock.set(new Date(start + 40 * 60_000));
    await h.bot.sweepSummaries?.();
    await h.bot.sweepSummaries?.();
    assert.equal(h.messenger.threadPosts.length, 1, 'one summary');
    assert.match(h.messenger.threadPosts[0]?.text ?? '', /^Call summary: Review · .* · lasted 25 min\n• Alice Smith: 25 min\n• Bob Jones: 17 min\nEverybody invited came\.$/);

    // A call the notifications did tell of: its summary comes once, whichever path finds the report first.
    const other = await h.invoke('/meet tomorrow 17:00 30m Sync <@UBOB>', { as: chat.alice.slack });
    const otherCard = other.only();
    const otherId = otherCard.kind === 'card' ? otherCard.card.meetingId : '';
    const joinUrl = h.meetings.meetings.get(otherId)?.joinUrl ?? '';
    const t0 = h.meetings.meetings.get(otherId)?.start.getTime() ?? 0;
    reports.add({ ...report(t0, 0, 10, [[alice, [[0, 10]]]]), id: 'report-sync' }, 0);
    await h.call({ kind: 'callStarted', joinUrl, at: new Date(t0) });
    await h.call({ kind: 'callEnded', joinUrl, at: new Date(t0 + 10 * 60_000) });
    h.clock.set(new Date(t0 + 45 * 60_000));
    await h.bot.sweepSummaries?.();
    assert.equal(h.messenger.threadPosts.filter((p) => p.card.meetingId === otherId).length, 1);
  });
});
