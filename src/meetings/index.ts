// The use cases, wired to their collaborators once.
import type { UseCaseDeps } from './context';
import { addMeUseCase } from './add-me';
import { addToCalendarsUseCase } from './calendar-add';
import { cancelMeetingUseCase } from './cancel';
import { createMeetingUseCase } from './create';
import { listMeetingsUseCase } from './list';
import { rescheduleUseCase } from './reschedule';
import { ringUseCase } from './ring';

export type { UseCaseDeps, ChangeRequest, ChangeResult } from './context';
export { findMeetingId } from './find';
export { checkForm, formDefaults, formErrors, formTimes, type FieldProblem, type FormField } from './form-times';
export { createCardSync, sourceView } from './sync-cards';
export { createKeyedSerial, type KeyedSerial } from './serial';
export { changeMeeting } from './versioned';

/** Every use case over the same collaborators. */
export function createUseCases(deps: UseCaseDeps) {
  return {
    create: createMeetingUseCase(deps),
    cancel: cancelMeetingUseCase(deps),
    reschedule: rescheduleUseCase(deps),
    addMe: addMeUseCase(deps),
    addToCalendars: addToCalendarsUseCase(deps),
    list: listMeetingsUseCase(deps),
    ring: ringUseCase(deps),
  };
}

/** The use cases as the handlers see them. */
export type UseCases = ReturnType<typeof createUseCases>;
