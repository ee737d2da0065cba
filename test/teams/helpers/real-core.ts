// The Teams harness over the real core and in-memory Graph fakes, at a fixed "now": for end-to-end Teams tests.
import { createBot } from '../../../src/bot';
import { fakeDirectory, fakeMeetings } from './core-fakes';
import { startHarness, type Harness } from './harness';

/** The harness and the fake meeting service behind its bot. */
export async function startRealCore(now: Date): Promise<{ h: Harness; meetings: ReturnType<typeof fakeMeetings> }> {
  const meetings = fakeMeetings({ now: () => now });
  const h = await startHarness(({ messenger, store, logger }) =>
    createBot({
      meetings,
      directory: fakeDirectory(),
      store,
      messenger,
      logger,
      clock: { now: () => now },
      config: { defaultDurationMinutes: 30, defaultTimeZone: 'UTC', defaultLocale: 'en' },
    }),
  );
  return { h, meetings };
}
