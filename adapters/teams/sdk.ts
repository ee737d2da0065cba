// botbuilder, loaded on first use: with its connector, identity and streaming libraries it holds about 30 MB, which a
// server that never hears from Teams should not pay at start. Types come from `import type`, which costs nothing.

/** The botbuilder module (loaded once, by the first Teams request, recorded Teams job or card update). */
export function botbuilder(): typeof import('botbuilder') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('botbuilder') as typeof import('botbuilder');
}
