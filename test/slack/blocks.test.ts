import { strict as assert } from 'node:assert';
import { LIMITS, toSlackMessage } from '../../adapters/slack/blocks';
import { sampleCard } from './card';

type Text = { type: string; text: string; verbatim?: boolean };
type Block = { type: string; block_id?: string; text?: Text; fields?: Text[]; elements?: Record<string, unknown>[] };

/** Every string in the message, for "nothing can ping" checks. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('slack blocks: toSlackMessage', () => {
  it('renders subject, time tokens, people, join button, link, ids, dial-in and status', () => {
    const { text, blocks } = toSlackMessage(sampleCard());
    const [header, status, details, actions, link] = blocks as Block[];
    assert.equal(header?.type, 'header');
    assert.equal(header?.text?.text, 'Design review');
    assert.match(details?.text?.text ?? '', /<!date\^1903957200\^\{date_short_pretty\} \{time\}\|[^>]+> – <!date\^1903959000\^\{time\}\|[^>]+>/);
    assert.match(details?.text?.text ?? '', /<@UBOB>, Dave &lt;@U0FAKE&gt; Brown/);
    const fields = (details?.fields ?? []).map((f) => f.text).join('\n');
    assert.match(fields, /<@UALICE>/);
    assert.match(fields, /310 000 000 001/);
    assert.match(fields, /Pa1ss/);
    assert.match(fields, /\+1 555 0100/);
    const buttons = actions?.elements ?? [];
    assert.deepEqual(buttons.map((b) => b.action_id), ['meetbot_join', 'meetbot_add_me', 'meetbot_reschedule', 'meetbot_cancel']);
    assert.equal(buttons[0]?.url, sampleCard().joinUrl);
    assert.equal(buttons[0]?.style, 'primary');
    const cancel = buttons[3] as { style: string; value: string; confirm: { title: Text; confirm: Text; deny: Text } };
    assert.equal(cancel.style, 'danger');
    assert.equal(cancel.value, sampleCard().meetingId);
    assert.equal(cancel.confirm.deny.text, 'Keep it');
    assert.match(link?.text?.text ?? '', /^\*Join link\*\n<https:\/\/teams\.microsoft\.com\/[^|>]+\|/);
    assert.equal(status?.type, 'section', 'the status is a section, not a small context line');
    assert.match(status?.text?.text ?? '', /Scheduled/);
    assert.match(text, /Design review/);
    for (const b of blocks as Block[]) for (const t of [b.text, ...(b.fields ?? [])]) if (t?.type === 'mrkdwn') assert.equal(t.verbatim, true);
  });

  it('never lets user text ping: <!channel>, <!here>, @everyone and fake mentions are escaped', () => {
    const card = sampleCard({
      subject: '<!channel> <!here|here> <@U0FAKE> & @everyone',
      organizer: { displayName: '<!everyone>' },
      statusText: 'Live now: <!here>',
      fallbackText: '<!channel> <@U0FAKE>',
      passcode: '<!subteam^S123>',
    });
    const all = strings(toSlackMessage(card)).join('\n');
    assert.doesNotMatch(all, /<!(channel|here|everyone|subteam)/);
    assert.doesNotMatch(all, /<@U0FAKE>/);
    assert.match(all, /&lt;!channel&gt; &lt;!here\|here&gt; &lt;@U0FAKE&gt; &amp; @everyone/);
  });

  it('mentions only people whose Slack id is valid', () => {
    const card = sampleCard({ attendees: [{ displayName: 'Eve', user: { platform: 'slack', id: 'U1|<!here>' } }, { displayName: 'Tim', user: { platform: 'teams', id: 'UTEAMS' } }] });
    const details = (toSlackMessage(card).blocks[2] as Block).text?.text ?? '';
    assert.match(details, /Eve, Tim/);
    assert.doesNotMatch(details, /<@/);
  });

  it('cuts a long subject within the header limit, with an ellipsis', () => {
    const subject = `${'Quarterly planning & review '.repeat(20)}end`;
    const { text, blocks } = toSlackMessage(sampleCard({ subject, fallbackText: subject.repeat(20) }));
    const header = (blocks[0] as Block).text?.text ?? '';
    assert.ok(Array.from(header).length <= LIMITS.header, `header is ${header.length} long`);
    assert.ok(header.endsWith('…'));
    assert.doesNotMatch(header, /&[a-z]{0,3}…$/, 'no entity cut in half');
    assert.ok(text.length <= LIMITS.fallback);
  });

  it('keeps every text within Block Kit limits even for huge inputs', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ displayName: `Person number ${i} with a rather long name`, user: { platform: 'slack' as const, id: `U${1000 + i}` } }));
    const long = 'x'.repeat(500);
    const card = sampleCard({ attendees: many, actions: [{ id: 'add_me', label: long }], labels: { ...sampleCard().labels, join: long } });
    const { blocks } = toSlackMessage(card);
    assert.ok(blocks.length <= LIMITS.blocks);
    for (const b of blocks as Block[]) {
      if (b.text) assert.ok(b.text.text.length <= LIMITS.sectionText);
      for (const f of b.fields ?? []) assert.ok(f.text.length <= LIMITS.field);
      for (const e of b.elements ?? []) if (e.type === 'button') assert.ok(Array.from((e.text as Text).text).length <= LIMITS.buttonText);
    }
    const details = (blocks[2] as Block).text?.text ?? '';
    assert.match(details, /<@U1000>/);
    assert.match(details, / \+\d+$/, 'the rest are counted, not cut mid-mention');
  });

  it('shows a cancelled meeting without the join button, link, passcode or dial-in', () => {
    const { blocks } = toSlackMessage(sampleCard({ status: { state: 'cancelled' }, statusText: 'Cancelled', actions: [] }));
    const json = JSON.stringify(blocks);
    assert.doesNotMatch(json, /meetbot_join|Join link/);
    assert.doesNotMatch(json, /Passcode|Pa1ss|Dial-in|555 0100/);
    assert.match(json, /Cancelled/);
  });

  it('renders the end with its date when the meeting crosses midnight in the card’s zone', () => {
    const card = sampleCard({ start: new Date('2030-05-02T21:30:00Z'), end: new Date('2030-05-02T22:30:00Z') });
    const details = (toSlackMessage(card).blocks[2] as Block).text?.text ?? '';
    assert.match(details, /– <!date\^\d+\^\{date_short_pretty\} \{time\}\|/);
  });
});
