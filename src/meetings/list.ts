// `/meet list`: the meetings I organise that have not ended yet, in my zone, with the ids `cancel` takes.
import { listText, type CardReader } from '../cards';
import type { UserRef } from '../types';
import type { UseCaseDeps } from './context';
import { resolveActor } from './people';

/** How many meetings the list shows. */
const LIST_LIMIT = 10;

/** The `list` use case: returns the reply text. */
export function listMeetingsUseCase(deps: Pick<UseCaseDeps, 'directory' | 'store' | 'clock'>) {
  const { directory, store, clock } = deps;
  return async function listMeetings(invoker: UserRef, reader: CardReader): Promise<string> {
    const user = await resolveActor(directory, invoker, reader.locale);
    const records = await store.listUpcoming(user.id, clock.now(), LIST_LIMIT);
    return listText(records, reader);
  };
}
