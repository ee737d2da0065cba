// Mutated real payloads on every route: no answer of 500 or more (but the documented 501 for unknown Teams invokes),
// no unhandled rejection, and every accepted command ends in a card or an explanation. `npm run bench -- --fuzz`
// runs 100,000 and watches memory.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { startWorld, type World } from './fuzz/world';

// Per route, sized so each takes a few seconds here (Slack and authenticated Teams do the most work per request);
// MEETBOT_FUZZ_RUNS sets one number for all.
const DEFAULT_RUNS: Record<string, number> = {
  slack: 150, 'teams (unauthenticated, local)': 300, 'teams (authenticated)': 150, notifications: 600, playground: 300, 'join page': 600,
};
const runsOf = (route: string): number => Number(process.env.MEETBOT_FUZZ_RUNS ?? DEFAULT_RUNS[route] ?? 500);

describe('fuzz: hostile requests on every route', function () {
  this.timeout(120_000);
  let world: World;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  before(async () => {
    process.on('unhandledRejection', onRejection);
    world = await startWorld();
  });
  after(async () => {
    process.off('unhandledRejection', onRejection);
    await world.close();
  });

  for (const name of Object.keys(DEFAULT_RUNS)) {
    it(`${name}: ${runsOf(name)} mutated requests, never a 5xx`, async () => {
      const route = world.routes[name];
      assert.ok(route);
      await fc.assert(
        fc.asyncProperty(route, async (shot) => {
          const { problem } = await world.fire(shot);
          assert.equal(problem, undefined, `${shot.method} ${shot.path} ${shot.body?.slice(0, 300) ?? ''}`);
        }),
        { numRuns: runsOf(name), seed: Number(process.env.MEETBOT_FUZZ_SEED ?? 20261201), endOnFailure: true },
      );
      world.forget();
      assert.deepEqual(rejections, []);
    });
  }
});
