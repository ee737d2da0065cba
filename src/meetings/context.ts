// What every use case works with: its collaborators, and who is asking.
import type { CardReader } from '../cards';
import type { MessageRef, UserRef } from '../types';
import type { CalendarLinks, CalendarService, CallingService, Clock, Directory, Logger, MeetingRecord, MeetingService, MeetingStore } from './ports';

/** The ports a use case may call. */
export interface UseCaseDeps {
  readonly meetings: MeetingService;
  readonly directory: Directory;
  readonly store: MeetingStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Calendar invitations, and when to send them. */
  readonly calendar?: CalendarService;
  readonly config?: { readonly calendar?: 'off' | 'invite' | 'ask'; readonly ring?: 'off' | 'on'; readonly watch?: 'off' | 'on' | 'always' };
  /** The bot's own leg in meeting calls (ringing people in, following a call); without it nobody is rung. */
  readonly calling?: CallingService;
  /** The "Add to my calendar" links, when the server offers them. */
  readonly calendarLinks?: CalendarLinks;
  /** Re-renders every card posted for a meeting after it changed, except `except`. */
  readonly syncCards: (record: MeetingRecord, except?: MessageRef) => Promise<void>;
}

/** A request to change an existing meeting (a card button, or a typed command). */
export interface ChangeRequest {
  readonly meetingId: string;
  readonly actor: UserRef;
  /** The actor's language, zone and platform: replies and parsed values use them. */
  readonly reader: CardReader;
  /** The message whose button was pressed; its new view goes back to the adapter instead. */
  readonly source?: MessageRef;
}

/** A change that went through: the meeting as it is now and a confirmation for the actor. */
export interface ChangeResult {
  readonly record: MeetingRecord;
  readonly message: string;
}
