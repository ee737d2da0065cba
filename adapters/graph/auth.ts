// Credentials for Graph, chosen by configuration: a client secret, a certificate, a managed identity, or none.
import type { TokenCredential } from '@azure/identity';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { GraphConfig } from '../config';

/** How meetbot signs in to Graph (GraphConfig's remote `auth`). */
export type GraphAuth = Extract<GraphConfig, { kind: 'remote' }>['auth'];

/** The app-only scope: everything the app registration was granted. */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** @azure/identity, loaded only when a credential is made: with auth `none` it would cost about 25 MB (msal with it). */
function identity(): typeof import('@azure/identity') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@azure/identity') as typeof import('@azure/identity');
}

/** The @azure/identity credential for `auth`, or undefined when no token is sent (a local Graph-compatible service). */
export function credentialFor(auth: GraphAuth): TokenCredential | undefined {
  switch (auth.kind) {
    case 'secret':
      return new (identity().ClientSecretCredential)(auth.tenantId, auth.clientId, auth.clientSecret);
    case 'certificate':
      return new (identity().ClientCertificateCredential)(auth.tenantId, auth.clientId, { certificatePath: auth.certificatePath });
    case 'managedIdentity': {
      const { ManagedIdentityCredential } = identity();
      return auth.clientId ? new ManagedIdentityCredential({ clientId: auth.clientId }) : new ManagedIdentityCredential();
    }
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
