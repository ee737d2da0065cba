// What adapters that draw their own forms ask the core: the reschedule form's starting values, and the words beside
// wrong fields. Both come from the same checks the core applies when the form is submitted.
import type { BotDeps, FormCheck, RescheduleForm } from '../bot-api';
import { checkForm, formDefaults, formErrors } from '../meetings';
import { loadActive } from '../meetings/load';
import type { FormValues, Locale, UserRef } from '../types';
import { failureReply } from './explain';
import { readerFor, type ReaderReport } from './reader';

/** The handler behind `Bot.checkForm`. */
export function checkFormValues(values: FormValues, locale: Locale, opts: { required: boolean }): FormCheck {
  const checked = checkForm(values, opts.required);
  return checked.ok ? { ok: true } : { ok: false, errors: formErrors(checked.problems, locale) };
}

/** The handler behind `Bot.rescheduleForm`. */
export function createRescheduleForm(deps: BotDeps) {
  return async function rescheduleForm(meetingId: string, actor: UserRef, report: ReaderReport = {}): Promise<RescheduleForm> {
    const reader = readerFor(deps.config, actor, actor.platform, report);
    try {
      const record = await loadActive(deps.store, meetingId);
      return { ok: true, locale: reader.locale, values: formDefaults(record.meeting, reader.timeZone) };
    } catch (error) {
      return { ok: false, locale: reader.locale, reply: failureReply(error, reader.locale, deps.logger, { meetingId }) };
    }
  };
}
