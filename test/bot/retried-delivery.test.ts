import { strict as assert } from 'node:assert';
import type { Outbox } from '../../src/meetings/ports';
import type { ConversationRef, Delivery, MessageRef, Reply } from '../../src/types';
import { chat, FakeOutbox } from '../fakes';
import { createHarness, type Harness } from '../fakes/harness';

const channel: ConversationRef = { platform: 'slack', id: 'C024BE91L', tenantId: 'T024BE7LD' };

/** Delivers `/meet …` as a recorded delivery's job would, try `retryCount`, received `ageMs` ago. */
async function runJob(h: Harness, outbox: Outbox, text: string, delivery: Delivery, opts: { key?: string; ageMs?: number } = {}): Promise<void> {
  await h.bot.handleInvocation(
    {
      text,
      mentions: [],
      invoker: chat.alice.slack,
      conversation: channel,
      receivedAt: new Date(h.clock.now().getTime() - (opts.ageMs ?? 0)),
      idempotencyKey: opts.key ?? '13345224609.738474920.8088930838d88f008e0',
      trigger: 'command',
      delivery,
    },
    outbox,
  );
}

/** An outbox whose platform remembers an earlier try's post (Slack finds it by the message's metadata). */
class RememberingOutbox extends FakeOutbox {
  earlier?: MessageRef;
  async findEarlier(): Promise<MessageRef | undefined> {
    return this.earlier;
  }
}

describe('bot: a recorded delivery finished as a job', () => {
  it('runs each try of the job, though its delivery key was recorded before the ack', async () => {
    const h = createHarness({ now: '2026-03-02T09:00:00Z' });
    // The adapter's record, under the key the core uses.
    await h.store.markEventSeen('slack:T024BE7LD:13345224609.738474920.8088930838d88f008e0', h.clock.now());
    const outbox = new FakeOutbox(channel);
    await runJob(h, outbox, 'now Incident', { retryCount: 0 });
    assert.equal(outbox.only().kind, 'card');
  });

  it('answers nothing more when a retry finds that an earlier try answered', async () => {
    const h = createHarness({ now: '2026-03-02T09:00:00Z' });
    const first = new FakeOutbox(channel);
    await runJob(h, first, 'now Incident', { retryCount: 0 });
    const retry = new FakeOutbox(channel);
    await runJob(h, retry, 'now Incident', { retryCount: 1 });
    assert.equal(first.sent.length, 1);
    assert.deepEqual(retry.sent, [], 'the retry posts nothing');
    assert.equal(h.meetings.meetings.size, 1);
  });

  it('refreshes the card an earlier try posted but did not record, instead of posting a second one', async () => {
    const h = createHarness({ now: '2026-03-02T09:00:00Z' });
    const retry = new RememberingOutbox(channel);
    retry.earlier = { conversation: channel, messageId: '1700000001.000100' };
    await runJob(h, retry, 'now Incident', { retryCount: 2 });
    assert.deepEqual(retry.sent, [], 'nothing new is posted');
    assert.deepEqual(h.messenger.updates.map((u) => u.card.ref.messageId), ['1700000001.000100'], 'the earlier post is brought up to date');
    const [meetingId] = [...h.meetings.meetings.keys()];
    assert.deepEqual((await h.store.postedCards(meetingId ?? '')).map((c) => c.ref.messageId), ['1700000001.000100'], 'and recorded, so the card follows the call');
  });

  it('updates the card a crashed try posted and recorded, instead of posting again', async () => {
    const h = createHarness({ now: '2026-03-02T09:00:00Z' });
    const first = new FakeOutbox(channel);
    await runJob(h, first, 'now Incident', { retryCount: 0 });
    // The try died after recording its card but before recording the answer: only the card is in the store.
    h.store.seen.delete('slack:T024BE7LD:13345224609.738474920.8088930838d88f008e0#answered');
    const retry = new FakeOutbox(channel);
    await runJob(h, retry, 'now Incident', { retryCount: 1 });
    assert.deepEqual(retry.sent, []);
    assert.deepEqual(h.messenger.updates.map((u) => u.card.ref.messageId), [first.refs[0]?.messageId]);
  });

  it('does not answer from a try that outlived its lease when the retry that took over has answered', async () => {
    const h = createHarness({ now: '2026-03-02T09:00:00Z' });
    const retry = new FakeOutbox(channel);
    await runJob(h, retry, 'now Incident', { retryCount: 1 });
    // The first try, slow past its lease (its instance stalled), reaches the point of answering only now.
    const stalled = new FakeOutbox(channel);
    await runJob(h, stalled, 'now Incident', { retryCount: 0, leaseEndsAt: new Date(h.clock.now().getTime() - 1000) });
    assert.equal(retry.sent.length, 1);
    assert.deepEqual(stalled.sent, []);
  });

  it('posts the answer when a retry finds nothing an earlier try left', async () => {
    const h = createHarness({ now: '2026-03-02T09:00:00Z' });
    const retry = new RememberingOutbox(channel);
    await runJob(h, retry, 'now Incident', { retryCount: 1 });
    assert.equal(retry.only().kind, 'card');
  });

  it('still answers when looking for the earlier post fails', async () => {
    const h = createHarness({ now: '2026-03-02T09:00:00Z' });
    const retry = new RememberingOutbox(channel);
    retry.findEarlier = () => Promise.reject(new Error('missing_scope'));
    await runJob(h, retry, 'now Incident', { retryCount: 1 });
    assert.equal(retry.only().kind, 'card');
  });

  it('apologises on the card when the answer comes more than ten seconds after the command', async () => {
    const h = createHarness({ now: '2026-03-02T09:00:00Z' });
    const outbox = new FakeOutbox(channel);
    await runJob(h, outbox, 'now Incident', { retryCount: 1 }, { ageMs: 24_000 });
    const reply = outbox.only() as Extract<Reply, { kind: 'card' }>;
    assert.equal(reply.card.note, 'Sorry for the delay: this took longer than usual.');
    assert.match(reply.card.fallbackText, /^Sorry for the delay/);
  });

  it('apologises in the reader’s language, and says nothing of it when the answer is prompt', async () => {
    const h = createHarness({ now: '2026-03-02T09:00:00Z' });
    const late = new FakeOutbox(channel);
    await h.bot.handleInvocation(
      { text: 'сейчас Созвон', mentions: [], invoker: chat.bob.slack, conversation: channel, receivedAt: new Date(h.clock.now().getTime() - 15_000), idempotencyKey: 'Ev0LATE', trigger: 'command', delivery: { retryCount: 1 } },
      late,
    );
    assert.match((late.only() as Extract<Reply, { kind: 'card' }>).card.note ?? '', /^Извините за задержку/);
    const prompt = new FakeOutbox(channel);
    await runJob(h, prompt, 'now Sync', { retryCount: 0 }, { key: 'Ev0PROMPT', ageMs: 2_000 });
    assert.equal((prompt.only() as Extract<Reply, { kind: 'card' }>).card.note, undefined);
  });
});
