// Graph's rich notifications: the certificate Graph encrypts resource data to, and decrypting what it sends
// ("Set up change notifications that include resource data": RSA-OAEP key, HMAC-SHA256 signature, AES-256-CBC data).
import { constants, createDecipheriv, createHmac, createPrivateKey, privateDecrypt, timingSafeEqual, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../config';

/** The app's notification certificate: its public half goes to Graph, its private key decrypts. */
export interface NotificationCertificate {
  /** What subscriptions carry as `encryptionCertificateId` (and notifications echo back). */
  readonly id: string;
  /** The certificate as base64 DER, for the subscription's `encryptionCertificate`. */
  readonly base64: string;
  readonly privateKey: KeyObject;
}

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const KEY_BLOCK = /-----BEGIN (RSA |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END \1?PRIVATE KEY-----/;

/** Parses a PEM holding the certificate and its RSA private key; throws an Error saying what is wrong. */
export function parseNotificationCertificate(pem: string): NotificationCertificate {
  const certText = CERT_BLOCK.exec(pem)?.[0];
  const keyMatch = KEY_BLOCK.exec(pem);
  if (!certText) throw new Error('the file holds no "BEGIN CERTIFICATE" block');
  if (!keyMatch) throw new Error('the file holds no "BEGIN PRIVATE KEY" block (it needs the certificate and its private key)');
  if (keyMatch[1] === 'ENCRYPTED ') throw new Error('the private key is password-protected; export it without a password');
  let certificate: X509Certificate;
  let privateKey: KeyObject;
  try {
    certificate = new X509Certificate(certText);
    privateKey = createPrivateKey(keyMatch[0]);
  } catch (error) {
    throw new Error(`the certificate or key cannot be read (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error(`the key must be RSA (Graph encrypts with RSA-OAEP), got ${privateKey.asymmetricKeyType ?? 'unknown'}`);
  if (!certificate.checkPrivateKey(privateKey)) throw new Error('the private key does not belong to the certificate');
  // Derived from the certificate, so a new certificate gets a new id and old notifications are recognisably stale.
  const thumbprint = certificate.fingerprint256.replace(/:/g, '').toLowerCase();
  return { id: `meetbot-${thumbprint.slice(0, 32)}`, base64: certificate.raw.toString('base64'), privateKey };
}

/** Reads the PEM file at `path` (GRAPH_NOTIFICATION_CERTIFICATE_PATH); errors name the variable. */
export function loadNotificationCertificate(path: string): NotificationCertificate {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigError('GRAPH_NOTIFICATION_CERTIFICATE_PATH', `cannot read ${path} (${typeof code === 'string' ? code : 'unreadable'})`, { cause: error });
  }
  try {
    return parseNotificationCertificate(pem);
  } catch (error) {
    throw new ConfigError('GRAPH_NOTIFICATION_CERTIFICATE_PATH', `${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

const encryptedContentSchema = z.object({
  data: z.string().min(1),
  dataSignature: z.string().min(1),
  dataKey: z.string().min(1),
  encryptionCertificateId: z.string().nullish(),
  encryptionCertificateThumbprint: z.string().nullish(),
});

/** Decryption's answer: the resource data, or why it was refused (for the log; never a secret). */
export type Decrypted = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): Decrypted => ({ ok: false, reason });

/** Decrypts one notification's `encryptedContent` with `certificate`; never throws. */
export function decryptContent(content: unknown, certificate: NotificationCertificate): Decrypted {
  const parsed = encryptedContentSchema.safeParse(content);
  if (!parsed.success) return refuse('encryptedContent lacks data, dataSignature or dataKey');
  const c = parsed.data;
  if (c.encryptionCertificateId !== certificate.id) return refuse('encrypted for another certificate id');
  let key: Buffer;
  try {
    key = privateDecrypt({ key: certificate.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(c.dataKey, 'base64'));
  } catch {
    return refuse('dataKey does not decrypt with the certificate');
  }
  if (key.length !== 32) return refuse('the symmetric key is not 256 bits');
  const data = Buffer.from(c.data, 'base64');
  // Verify before decrypting: a forged body must not reach the cipher or the JSON parser.
  const expected = createHmac('sha256', key).update(data).digest();
  const given = Buffer.from(c.dataSignature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse('dataSignature does not match');
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    const text = Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return refuse('data does not decrypt to JSON');
  }
}
