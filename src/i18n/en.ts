// English strings. Placeholders are `{name}`; every key here must exist in ru.ts too (the type checks it).

/** The English message table; its keys define the message keys of every language. */
export const en = {
  // errors, keyed by ErrorCode
  'error.empty_command': 'Tell me what to set up, for example: `/meet now @alice` or `/meet tomorrow 15:00 30m Design review @bob`.',
  'error.unknown_command': "I didn't understand \"{word}\". Try `/meet now @alice`, `/meet tomorrow 15:00 30m Design review @bob`, or `/meet help`.",
  'error.invalid_time': "I couldn't read the time \"{phrase}\". Try `15:00`, `3pm`, `tomorrow 10:30` or `in 2h`.",
  'error.invalid_duration': "I couldn't read the duration \"{phrase}\". Try `30m`, `1h30`, `1.5h` or `for 45 minutes`.",
  'error.time_in_past': 'That time ({time}) has already passed. Pick a time ahead, for example `/meet tomorrow {example}`.',
  'error.end_before_start': 'The meeting would end before it starts. Try a range like `10:00-11:00` or a duration like `30m`.',
  'error.meeting_too_long': 'A meeting can last at most 24 hours. Try a shorter duration, for example `2h`.',
  'error.subject_too_long': 'The subject is too long ({length} characters); keep it under {max}.',
  'error.too_many_attendees': 'That is {count} people; a meeting from chat can invite at most {max}. Invite a group or fewer people.',
  'error.missing_meeting_id': 'Which meeting? Say `/meet cancel <id>`; `/meet list` shows your meetings and their ids.',
  'error.user_not_found': "I couldn't find {name} in the directory. Check the name or use their e-mail address.",
  'error.no_microsoft_account': '{name} has no Microsoft 365 account I can invite ({email}). Ask your admin, or invite them by their work e-mail.',
  'error.unsupported_mention': "I can't invite {name}: tags, channels and teams can't be meeting attendees. Mention people instead.",
  'error.meeting_not_found': "I couldn't find that meeting ({id}). It may have been cancelled or may belong to someone else.",
  'error.not_organizer': 'Only the organizer, {name}, can {action} this meeting.',
  'error.meeting_cancelled': 'This meeting was cancelled.',
  'error.already_attending': "You're already on the list for this meeting.",
  'error.invalid_reschedule': 'That new time does not work: {reason}',
  'error.graph_access_policy': "Teams refused to create the meeting for {name}: this app has no application access policy for that user. An admin must run `New-CsApplicationAccessPolicy -Identity meetbot-policy -AppIds \"{appId}\"` and `Grant-CsApplicationAccessPolicy -PolicyName meetbot-policy -Global` (it can take up to 30 minutes to apply).",
  'error.graph_forbidden': "Teams refused the request ({detail}). The app may be missing the OnlineMeetings.ReadWrite.All permission or admin consent.",
  'error.graph_bad_request': 'Teams rejected the meeting: {detail}',
  'error.graph_auth_failed': "I couldn't sign in to Microsoft 365. An admin should check the app's tenant, client id and secret or certificate.",
  'error.graph_busy': 'Teams is busy right now and asked me to slow down. Please try again in a minute.',
  'error.graph_timeout': "Teams didn't answer in time. Please try again; if the meeting was created, trying again won't create a second one.",
  'error.graph_unavailable': "Teams isn't reachable right now. Please try again in a minute.",
  'error.workspace_not_allowed': "This meetbot isn't set up for your workspace. Ask your admin to add it.",
  'error.tenant_not_allowed': "This meetbot isn't set up for your organization. Ask your admin to add it.",
  'error.internal': 'Something went wrong on my side and I could not finish. It has been logged; please try again.',

  // card
  'card.title.instant': 'Meeting now',
  'card.title.scheduled': 'Meeting',
  'card.join': 'Join meeting',
  'card.joinLink': 'Join link',
  'card.when': 'When',
  'card.organizer': 'Organizer',
  'card.attendees': 'Attendees',
  'card.noAttendees': 'Nobody invited yet',
  'card.meetingId': 'Meeting ID',
  'card.passcode': 'Passcode',
  'card.dialIn': 'Dial-in',
  'card.status': 'Status',
  'card.date': 'Date',
  'card.time': 'Time',
  'card.duration': 'Duration (minutes)',
  'card.save': 'Save',
  'card.action.cancel': 'Cancel meeting',
  'card.action.reschedule': 'Reschedule',
  'card.action.add_me': 'Add me',
  'card.confirmCancel.title': 'Cancel this meeting?',
  'card.confirmCancel.text': 'Everyone loses the join link. This cannot be undone.',
  'card.confirmCancel.yes': 'Cancel meeting',
  'card.confirmCancel.no': 'Keep it',
  'card.status.scheduled': 'Scheduled',
  'card.status.live': 'Live now: {people}',
  'card.status.liveEmpty': 'Live now',
  'card.status.ended': 'Ended, lasted {duration}',
  'card.status.cancelled': 'Cancelled',

  // other replies
  'reply.cancelled': 'Meeting "{subject}" was cancelled.',
  'reply.rescheduled': 'Meeting "{subject}" moved to {time}.',
  'reply.added': '{name} was added to the meeting.',
  'reply.list.empty': 'You have no upcoming meetings.',
  'reply.list.header': 'Your upcoming meetings:',
  'reply.untitled': 'Untitled meeting',
  'help.text':
    'I create Microsoft Teams meetings from chat.\n' +
    '• `/meet` or `/meet now @alice @bob`: a meeting right now\n' +
    '• `/meet tomorrow 15:00 30m Design review @alice`: a scheduled meeting\n' +
    '• `/meet fri 10:00-11:00 "Planning" alice@example.com`, `/meet in 2h for 45 minutes`\n' +
    '• `/meet list`: your upcoming meetings · `/meet cancel <id>`: cancel one\n' +
    'Times are in your time zone. I also understand Russian: `/meet завтра в 15:00 на 30 минут`.',
} as const;

/** A message key. */
export type MessageKey = keyof typeof en;
