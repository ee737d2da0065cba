// The calendar events of the local tenant (Graph's `event` with a Teams meeting), kept in memory: one event per
// organizer's POST, visible in the organizer's and every attendee's calendar, gone from all of them when cancelled.

/** An attendee as the event names them: by address, and the directory user when the address is one of ours. */
export interface LocalEventAttendee {
  readonly address: string;
  readonly name: string;
  readonly userId?: string;
}

/** One calendar event. */
export interface LocalEvent {
  readonly id: string;
  readonly iCalUId: string;
  readonly organizerId: string;
  readonly transactionId: string | null;
  readonly subject: string | null;
  readonly bodyHtml: string;
  readonly start: Date;
  readonly end: Date;
  readonly attendees: readonly LocalEventAttendee[];
  /** The Teams meeting created with it (isOnlineMeeting), by its onlineMeeting id. */
  readonly onlineMeetingId: string | null;
  readonly createdAt: Date;
  readonly modifiedAt: Date;
}

/** What a cancellation told the attendees. */
export interface LocalCancellation {
  readonly event: LocalEvent;
  readonly comment: string;
  readonly at: Date;
}

/** The events, by id. */
export class EventBook {
  private readonly events = new Map<string, LocalEvent>();
  /** Cancellations sent, newest last (what attendees' inboxes would show). */
  readonly cancellations: LocalCancellation[] = [];

  byTransaction(organizerId: string, transactionId: string): LocalEvent | undefined {
    return [...this.events.values()].find((e) => e.organizerId === organizerId && e.transactionId === transactionId);
  }

  get(id: string): LocalEvent | undefined {
    return this.events.get(id);
  }

  save(event: LocalEvent): void {
    this.events.set(event.id, event);
  }

  delete(id: string): boolean {
    return this.events.delete(id);
  }

  /** The events on `userId`'s calendar (organised or attended), soonest first. */
  calendarOf(userId: string): LocalEvent[] {
    return [...this.events.values()]
      .filter((e) => e.organizerId === userId || e.attendees.some((a) => a.userId === userId))
      .sort((a, b) => a.start.getTime() - b.start.getTime());
  }
}
