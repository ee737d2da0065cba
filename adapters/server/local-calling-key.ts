// With Teams credentials in local mode, /api/calls still takes only signed tokens: the embedded local service signs its
// callbacks with a key pair made at start, which the token check trusts beside the calling service's published keys.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { CALLING_ISSUERS } from './calling-auth';

/** The embedded service's signing key, as the token check and the local service use it. */
export interface LocalCallingSigner {
  readonly kid: string;
  readonly publicKey: KeyObject;
  /** A token for one callback, shaped like the calling service's (issuer, audience = the app id, tenant). */
  mint(): Promise<string>;
}

/** A fresh key pair for this process; tokens last five minutes, like the calling service's. */
export function createLocalCallingSigner(appId: string, tenantId: string): LocalCallingSigner {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `meetbot-local-${Date.now().toString(36)}`;
  return {
    kid,
    publicKey,
    mint: async () => jwt.sign({ tid: tenantId }, privateKey, { algorithm: 'RS256', keyid: kid, issuer: CALLING_ISSUERS[0], audience: appId, expiresIn: '5m' }),
  };
}
