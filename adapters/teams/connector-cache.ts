// Bot Connector clients kept for the life of the process. botbuilder builds a ConnectorClient and a UserTokenClient
// for every turn, incoming or proactive (a recorded command is finished in a second, proactive turn), and building
// them (an HTTP pipeline and a serializer each) costs more CPU than the call the turn then makes. A client keeps no
// state of a turn: its credentials fetch and cache their own tokens.
import type { ConfigurationBotFrameworkAuthentication, ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { botbuilder } from './sdk';

type Auth = ConfigurationBotFrameworkAuthentication;
type Claims = Parameters<Auth['createConnectorFactory']>[0];
type Factory = ReturnType<Auth['createConnectorFactory']>;
type Client = Awaited<ReturnType<Factory['create']>>;
type TokenClient = Awaited<ReturnType<Auth['createUserTokenClient']>>;

/** A bot hears from a few service URLs per cloud region; the bound only stops made-up ones from piling up. */
const MAX_KEPT = 64;

/** Promises kept by key, oldest dropped past `MAX_KEPT`; a failed one is forgotten so the next turn builds afresh. */
function keptBy<T>(): (key: string, build: () => Promise<T>) => Promise<T> {
  const kept = new Map<string, Promise<T>>();
  return (key, build) => {
    const known = kept.get(key);
    if (known) return known;
    if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value ?? '');
    const made = build();
    kept.set(key, made);
    made.catch(() => kept.get(key) === made && kept.delete(key));
    return made;
  };
}

/** The app a turn's clients act for, read as botbuilder reads it (audience claim, else app id claim). */
function appOf(claims: Claims): string {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
}

/** ConfigurationBotFrameworkAuthentication whose connector and user-token clients are built once per app, service URL and audience. */
export function keepingClients(options: ConfigurationBotFrameworkAuthenticationOptions): Auth {
  class KeepingClients extends botbuilder().ConfigurationBotFrameworkAuthentication {
    private readonly clients = keptBy<Client>();
    private readonly tokenClients = keptBy<TokenClient>();

    override async authenticateRequest(...args: Parameters<Auth['authenticateRequest']>): ReturnType<Auth['authenticateRequest']> {
      const result = await super.authenticateRequest(...args);
      return result.connectorFactory ? { ...result, connectorFactory: this.keeping(result.claimsIdentity, result.connectorFactory) } : result;
    }

    override createConnectorFactory(claims: Claims): Factory {
      return this.keeping(claims, super.createConnectorFactory(claims));
    }

    override createUserTokenClient(claims: Claims): Promise<TokenClient> {
      return this.tokenClients(appOf(claims), () => super.createUserTokenClient(claims));
    }

    private keeping(claims: Claims, factory: Factory): Factory {
      const app = appOf(claims);
      return { create: (serviceUrl, audience) => this.clients(`${app}\n${serviceUrl}\n${audience ?? ''}`, () => factory.create(serviceUrl, audience)) };
    }
  }
  return new KeepingClients(options);
}
