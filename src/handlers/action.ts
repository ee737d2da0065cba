// A card button or form: admit it once, run the change, confirm it to the actor, hand back the clicked card's new view.
import type { ActionOutcome, BotDeps } from '../bot-api';
import { buildJoinCard, type CardReader } from '../cards';
import { sourceView, type ChangeResult, type KeyedSerial, type UseCases } from '../meetings';
import { linkTo } from '../meetings/card-link';
import type { MeetingRecord, Outbox } from '../meetings/ports';
import type { ActionInvocation, JoinCard } from '../types';
import { admits, firstDelivery, notAdmitted } from './admission';
import { answeredBefore, deliver, type Answering } from './deliver';
import { failureReply } from './explain';
import { readerFor } from './reader';

/** The handler behind `Bot.handleAction`. */
export function createActionHandler(deps: BotDeps, useCases: UseCases, serial: KeyedSerial) {
  const { config, logger, store } = deps;

  function run(action: ActionInvocation, reader: CardReader): Promise<ChangeResult> {
    const request = { meetingId: action.meetingId, actor: action.actor, reader, source: action.source };
    switch (action.action) {
      case 'cancel':
        return useCases.cancel(request);
      case 'reschedule':
        return useCases.reschedule({ ...request, values: action.values });
      case 'add_me':
        return useCases.addMe(request);
      case 'add_to_calendars':
        return useCases.addToCalendars(request);
      case 'ring':
        return useCases.ring(request);
    }
  }

  async function viewOf(action: ActionInvocation, record: MeetingRecord, reader: CardReader): Promise<JoinCard | undefined> {
    if (!action.source) return undefined;
    try {
      return await sourceView(store, record, action.source, reader);
    } catch (err) {
      logger.warn({ err, meetingId: action.meetingId }, 'could not read posted cards; rendering the clicked card for the actor');
      return buildJoinCard(record, reader);
    }
  }

  /** A repeated click changes nothing; the clicked card is shown as it is now, so the platform has an answer. */
  async function repeated(action: ActionInvocation, reader: CardReader): Promise<ActionOutcome> {
    logger.info({ idempotencyKey: action.idempotencyKey, action: action.action }, 'repeated delivery of a click; the first one answers');
    const record = action.source ? await store.getMeeting(action.meetingId) : undefined;
    const updated = record ? await viewOf(action, record, reader) : undefined;
    return updated ? { updated } : {};
  }

  return async function handleAction(action: ActionInvocation, outbox: Outbox): Promise<ActionOutcome> {
    const reader = readerFor(config, action.actor, action.conversation.platform, action);
    const context = { action: action.action, meetingId: action.meetingId, idempotencyKey: action.idempotencyKey };
    const answering: Answering = { ...action, locale: reader.locale };
    let result: ChangeResult;
    try {
      if (!(await firstDelivery(store, action)) || (await answeredBefore(store, answering, deps.clock.now()))) return await repeated(action, reader);
      if (!admits(config, action.conversation)) throw notAdmitted(action.conversation);
      result = await serial.run(action.meetingId, () => run(action, reader));
    } catch (error) {
      await deliver(deps, outbox, failureReply(error, reader.locale, logger, context), undefined, answering);
      return {};
    }
    const updated = await viewOf(action, result.record, reader);
    const about = action.source ? { about: linkTo(action.source, reader.locale) } : {};
    await deliver(deps, outbox, { kind: 'text', text: result.message, visibility: 'ephemeral', ...about }, undefined, answering);
    return updated ? { updated } : {};
  };
}
