// A typed command: parse it in the reader's language and zone, run it, answer exactly once.
import type { BotDeps } from '../bot-api';
import { helpText, type CardReader } from '../cards';
import { parseCommand } from '../commands';
import type { Command } from '../commands/types';
import { BotError } from '../errors';
import { findMeetingId, type KeyedSerial, type UseCases } from '../meetings';
import type { Outbox } from '../meetings/ports';
import type { Invocation, Reply } from '../types';
import { deliver, type CardOrigin } from './deliver';
import { failureReply } from './failure';
import { readerFor } from './reader';

interface Answer {
  readonly reply: Reply;
  readonly origin?: CardOrigin;
}

/** The handler behind `Bot.handleInvocation`. */
export function createInvocationHandler(deps: BotDeps, useCases: UseCases, serial: KeyedSerial) {
  const { config, logger } = deps;

  async function run(invocation: Invocation, command: Command, reader: CardReader): Promise<Answer> {
    switch (command.kind) {
      case 'meet': {
        // The same platform event twice (a retry) waits for the first and then finds its meeting.
        const { record, reply } = await serial.run(`create:${invocation.idempotencyKey}`, () =>
          useCases.create(invocation, command, reader),
        );
        return { reply, origin: { meetingId: record.meeting.id, locale: reader.locale, timeZone: reader.timeZone } };
      }
      case 'list':
        return { reply: { kind: 'text', text: await useCases.list(invocation.invoker, reader), visibility: 'ephemeral' } };
      case 'help':
        return { reply: { kind: 'text', text: helpText(reader.locale), visibility: 'ephemeral' } };
      case 'cancel': {
        const meetingId = await findMeetingId(deps, command.meeting, invocation.invoker, reader.locale);
        const { message } = await serial.run(meetingId, () => useCases.cancel({ meetingId, actor: invocation.invoker, reader }));
        return { reply: { kind: 'text', text: message, visibility: 'ephemeral' } };
      }
    }
  }

  return async function handleInvocation(invocation: Invocation, outbox: Outbox): Promise<void> {
    const reader = readerFor(config, invocation.invoker, invocation.conversation.platform, invocation);
    let answer: Answer;
    try {
      const parsed = parseCommand(invocation.text, {
        now: invocation.receivedAt,
        timeZone: reader.timeZone,
        locale: reader.locale,
        defaultDurationMinutes: config.defaultDurationMinutes,
        mentionTokens: invocation.mentions.map((mention) => mention.token),
      });
      deps.onCommand?.(invocation, parsed.ok ? parsed.value.kind : 'invalid');
      if (!parsed.ok) throw new BotError(parsed.code, parsed.params);
      answer = await run(invocation, parsed.value, reader);
    } catch (error) {
      answer = { reply: failureReply(error, reader.locale, logger, { idempotencyKey: invocation.idempotencyKey }) };
    }
    await deliver(deps, outbox, answer.reply, answer.origin);
  };
}
