// Credentials for Graph, chosen by configuration: a client secret, a certificate, a managed identity, or none.
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { GraphConfig } from '../config';

/** How meetbot signs in to Graph (GraphConfig's remote `auth`). */
export type GraphAuth = Extract<GraphConfig, { kind: 'remote' }>['auth'];

/** The app-only scope: everything the app registration was granted. */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** The @azure/identity credential for `auth`, or undefined when no token is sent (a local Graph-compatible service). */
export function credentialFor(auth: GraphAuth): TokenCredential | undefined {
  switch (auth.kind) {
    case 'secret':
      return new ClientSecretCredential(auth.tenantId, auth.clientId, auth.clientSecret);
    case 'certificate':
      return new ClientCertificateCredential(auth.tenantId, auth.clientId, { certificatePath: auth.certificatePath });
    case 'managedIdentity':
      return auth.clientId ? new ManagedIdentityCredential({ clientId: auth.clientId }) : new ManagedIdentityCredential();
    case 'none':
      return undefined;
  }
}

/** The SDK's token provider over `credential`, or undefined when no token is sent. */
export function authProviderFor(credential: TokenCredential | undefined): AuthenticationProvider | undefined {
  return credential ? new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] }) : undefined;
}

/** The app (client) id behind `auth`, quoted in access-policy advice. */
export function appIdOf(auth: GraphAuth): string | undefined {
  return auth.kind === 'secret' || auth.kind === 'certificate' || auth.kind === 'managedIdentity' ? auth.clientId : undefined;
}
