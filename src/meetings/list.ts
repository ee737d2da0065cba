// `/meet list`: the meetings I organise that have not ended yet, in my zone, with the ids `cancel` takes, a page at a time.
import { listText, type CardReader } from '../cards';
import type { UserRef } from '../types';
import type { UseCaseDeps } from './context';
import { resolveActor } from './people';

/** How many meetings one reply lists (a chat reply longer than this is hard to read). */
const PAGE_SIZE = 10;
/** How many upcoming meetings are counted for "and N more"; nobody pages past this. */
const COUNT_LIMIT = 500;

/** The `list` use case: returns the reply text for `page` (1-based). */
export function listMeetingsUseCase(deps: Pick<UseCaseDeps, 'directory' | 'store' | 'clock'>) {
  const { directory, store, clock } = deps;
  return async function listMeetings(invoker: UserRef, reader: CardReader, page = 1): Promise<string> {
    const user = await resolveActor(directory, invoker, reader.locale);
    const all = await store.listUpcoming(user.id, clock.now(), COUNT_LIMIT);
    const from = (page - 1) * PAGE_SIZE;
    return listText(all.slice(from, from + PAGE_SIZE), reader, { page, pageSize: PAGE_SIZE, total: all.length });
  };
}
