// A card button or form: run the change, confirm it to the actor, hand back the clicked card's new view.
import type { ActionOutcome, BotDeps } from '../bot-api';
import { buildJoinCard, type CardReader } from '../cards';
import { sourceView, type ChangeResult, type KeyedSerial, type UseCases } from '../meetings';
import type { Outbox } from '../meetings/ports';
import type { ActionInvocation, JoinCard } from '../types';
import { deliver } from './deliver';
import { failureReply } from './failure';
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
    }
  }

  async function viewOf(action: ActionInvocation, result: ChangeResult, reader: CardReader): Promise<JoinCard | undefined> {
    if (!action.source) return undefined;
    try {
      return await sourceView(store, result.record, action.source, reader);
    } catch (err) {
      logger.warn({ err, meetingId: action.meetingId }, 'could not read posted cards; rendering the clicked card for the actor');
      return buildJoinCard(result.record, reader);
    }
  }

  return async function handleAction(action: ActionInvocation, outbox: Outbox): Promise<ActionOutcome> {
    const reader = readerFor(config, action.actor, action.conversation.platform, action);
    let result: ChangeResult;
    try {
      result = await serial.run(action.meetingId, () => run(action, reader));
    } catch (error) {
      const context = { action: action.action, meetingId: action.meetingId, idempotencyKey: action.idempotencyKey };
      await deliver(deps, outbox, failureReply(error, reader.locale, logger, context));
      return {};
    }
    const updated = await viewOf(action, result, reader);
    await deliver(deps, outbox, { kind: 'text', text: result.message, visibility: 'ephemeral' });
    return updated ? { updated } : {};
  };
}
