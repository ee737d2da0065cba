// A typed command or the schedule form: admit it once, read it in the reader's language and zone, run it, answer
// exactly once.
import type { BotDeps } from '../bot-api';
import { helpText, type CardReader } from '../cards';
import { parseCommand } from '../commands';
import { isChatter } from '../commands/chatter';
import type { AttendeeRef, Command } from '../commands/types';
import { checkLimits } from '../commands/validate';
import { BotError } from '../errors';
import { findMeetingId, formTimes, type KeyedSerial, type UseCases } from '../meetings';
import type { Outbox } from '../meetings/ports';
import type { Invocation, MeetForm, Reply } from '../types';
import { admits, firstDelivery, notAdmitted } from './admission';
import { answeredBefore, deliver, type Answering, type CardOrigin } from './deliver';
import { failureReply } from './explain';
import { readerFor } from './reader';
import { chatterReply, clarificationReply } from './suggestions';

const REPLY_KINDS = new Set<string>(['card', 'text', 'error']);

function isReply(value: Command | Reply): value is Reply {
  return REPLY_KINDS.has(value.kind);
}

/** The default length the parser falls back to, as it reads the setting. */
function defaultMinutes(configured: number): number {
  return Number.isFinite(configured) && configured >= 1 && configured <= 1440 ? Math.round(configured) : 30;
}
import { cardIn } from '../meetings/card-link';

interface Answer {
  readonly reply: Reply;
  readonly origin?: CardOrigin;
}

/** The name the parser gives a reported mention: who it points at, as the platform names them. */
const mentionName = (user: Invocation['mentions'][number]['user']): string => user.displayName ?? user.id;

/** The `meet` command a schedule form asks for: its values checked like every form's, its people the mentions. */
function formCommand(invocation: Invocation, form: MeetForm, reader: CardReader): Command {
  const { start, end } = formTimes(form.values, reader, invocation.receivedAt);
  const subject = form.subject.replace(/\s+/g, ' ').trim() || null;
  const attendees: AttendeeRef[] = invocation.mentions.map((m) => ({ kind: 'mention', token: m.token, name: mentionName(m.user) }));
  const broken = checkLimits(start, end, subject, attendees.length);
  if (broken) throw new BotError(broken.code, broken.params);
  return { kind: 'meet', instant: false, start, end, subject, attendees };
}

/** The handler behind `Bot.handleInvocation`. */
export function createInvocationHandler(deps: BotDeps, useCases: UseCases, serial: KeyedSerial) {
  const { config, logger, store } = deps;

  /** The command asked for, or the reply that asks back (an unclear phrase) or helps (chatter) instead. */
  function understand(invocation: Invocation, reader: CardReader): Command | Reply {
    if (invocation.form) return formCommand(invocation, invocation.form, reader);
    const parsed = parseCommand(invocation.text, {
      now: invocation.receivedAt,
      timeZone: reader.timeZone,
      locale: reader.locale,
      defaultDurationMinutes: config.defaultDurationMinutes,
      ...(config.endOfDay ? { endOfDay: config.endOfDay } : {}),
      mentions: invocation.mentions.map((mention) => ({ token: mention.token, name: mentionName(mention.user) })),
    });
    deps.onCommand?.(invocation, parsed.ok ? parsed.value.kind : 'invalid');
    if (!parsed.ok && parsed.code === 'unclear_phrase') return clarificationReply(parsed.params, parsed.suggestions ?? [], invocation, reader.locale);
    if (!parsed.ok) throw new BotError(parsed.code, parsed.params);
    const addressed = invocation.trigger === 'mention' || invocation.trigger === 'direct';
    if (addressed && isChatter(invocation.text, parsed.value, defaultMinutes(config.defaultDurationMinutes))) return chatterReply(invocation, reader.locale);
    return parsed.value;
  }

  async function run(invocation: Invocation, command: Command, reader: CardReader): Promise<Answer> {
    switch (command.kind) {
      case 'meet': {
        // The same platform event twice on this instance (a retry racing the first) waits for the first.
        const { record, reply } = await serial.run(`create:${invocation.idempotencyKey}`, () =>
          useCases.create(invocation, command, reader),
        );
        return { reply, origin: { meetingId: record.meeting.id, locale: reader.locale, timeZone: reader.timeZone } };
      }
      case 'list':
        return { reply: { kind: 'text', text: await useCases.list(invocation.invoker, reader, command.page ?? 1), visibility: 'ephemeral' } };
      case 'help':
        return { reply: { kind: 'text', text: helpText(reader.locale), visibility: 'ephemeral' } };
      case 'cancel': {
        const meetingId = await findMeetingId(deps, command.meeting, invocation.invoker, reader.locale);
        const { message } = await serial.run(meetingId, () => useCases.cancel({ meetingId, actor: invocation.invoker, reader }));
        const about = await cardIn(deps.store, meetingId, invocation.conversation, reader.locale).catch(() => undefined);
        return { reply: { kind: 'text', text: message, visibility: 'ephemeral', ...(about ? { about } : {}) } };
      }
    }
  }

  return async function handleInvocation(invocation: Invocation, outbox: Outbox): Promise<void> {
    const reader = readerFor(config, invocation.invoker, invocation.conversation.platform, invocation);
    const context = { idempotencyKey: invocation.idempotencyKey };
    const answering: Answering = { ...invocation, locale: reader.locale };
    let answer: Answer;
    try {
      if (!(await firstDelivery(store, invocation))) {
        logger.info(context, 'repeated delivery of a command; the first one answers');
        return;
      }
      if (await answeredBefore(store, answering, deps.clock.now())) {
        logger.info(context, 'an earlier try of this command answered it');
        return;
      }
      if (!admits(config, invocation.conversation)) throw notAdmitted(invocation.conversation);
      const understood = understand(invocation, reader);
      answer = isReply(understood) ? { reply: understood } : await run(invocation, understood, reader);
    } catch (error) {
      answer = { reply: failureReply(error, reader.locale, logger, context) };
    }
    await deliver(deps, outbox, answer.reply, answer.origin, answering);
  };
}
