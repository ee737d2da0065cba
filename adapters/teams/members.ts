// Who a Teams account is: TeamsInfo.getMember gives the Entra id and e-mail that the meeting service needs.
import type { TurnContext } from 'botbuilder';
import { BotError } from '../../src/bot-api';
import type { Mention, UserRef } from '../../src/types';
import { toBotError } from './errors';
import { isGroupMention, type TextMention } from './mentions';
import { botbuilder } from './sdk';

/** A member look-up (TeamsInfo.getMember in production; replaceable in tests). */
export type MemberLookup = (ctx: TurnContext, userId: string) => Promise<MemberInfo>;

/** The member fields meetbot reads. */
export interface MemberInfo {
  readonly id: string;
  readonly name?: string;
  readonly aadObjectId?: string;
  readonly email?: string;
  readonly userPrincipalName?: string;
}

/** The default look-up through the Bot Connector. */
export const teamsMemberLookup: MemberLookup = async (ctx, userId) => {
  const m = await botbuilder().TeamsInfo.getMember(ctx, userId);
  return {
    id: m.id,
    ...(m.name ? { name: m.name } : {}),
    ...(m.aadObjectId ? { aadObjectId: m.aadObjectId } : {}),
    ...(m.email ? { email: m.email } : {}),
    ...(m.userPrincipalName ? { userPrincipalName: m.userPrincipalName } : {}),
  };
};

/** A UserRef from what Teams knows about a member. */
export function toUserRef(m: MemberInfo, fallbackName: string, extra: { timeZone?: string; locale?: string } = {}): UserRef {
  const email = m.email ?? (m.userPrincipalName?.includes('@') ? m.userPrincipalName : undefined);
  return {
    platform: 'teams',
    id: m.id,
    displayName: m.name ?? fallbackName,
    ...(email ? { email } : {}),
    ...(m.aadObjectId ? { aadObjectId: m.aadObjectId } : {}),
    ...(extra.timeZone ? { timeZone: extra.timeZone } : {}),
    ...(extra.locale ? { locale: extra.locale } : {}),
  };
}

/**
 * Resolves every mentioned person. Tags, channels and teams cannot attend a meeting, so they fail with
 * `unsupported_mention`; a failed look-up fails with a BotError naming the person.
 */
export async function resolveMentions(ctx: TurnContext, mentions: readonly TextMention[], lookup: MemberLookup): Promise<Mention[]> {
  const group = mentions.find(isGroupMention);
  if (group) throw new BotError('unsupported_mention', { name: group.name });
  return Promise.all(
    mentions.map(async (m) => {
      try {
        return { token: m.token, user: toUserRef(await lookup(ctx, m.id), m.name) };
      } catch (err) {
        throw toBotError(err, { mentionName: m.name });
      }
    }),
  );
}
