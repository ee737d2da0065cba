// A self-signed RSA certificate built with node:crypto alone (a minimal X.509 v1 in hand-written DER), and the
// sender's side of Graph's rich notifications: what Graph does with the certificate we give it.
import { constants, createCipheriv, createHmac, generateKeyPairSync, publicEncrypt, randomBytes, sign, X509Certificate } from 'node:crypto';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const seq = (...parts: Buffer[]): Buffer => tlv(0x30, ...parts);
const integer = (bytes: Buffer): Buffer => tlv(0x02, (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
const utcTime = (d: Date): Buffer => tlv(0x17, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`, 'ascii'));

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

const SHA256_WITH_RSA = seq(oid('1.2.840.113549.1.1.11'), tlv(0x05));

/** A test certificate: the PEM file meetbot reads (certificate + private key), and the pieces tests need. */
export interface TestCertificate {
  readonly pem: string;
  readonly certificate: X509Certificate;
}

/** Generates an RSA key pair and a self-signed certificate for `commonName`, valid for a year from `from`. */
export function selfSignedCertificate(commonName = 'meetbot notifications', from = new Date()): TestCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const name = seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
  // DER wants a minimal positive INTEGER: a leading zero byte (or a missing one before a high bit) is "illegal padding".
  const serial = randomBytes(8);
  serial[0] = ((serial[0] ?? 1) & 0x7f) | 0x01;
  const tbs = seq(
    integer(serial),
    SHA256_WITH_RSA,
    name,
    seq(utcTime(from), utcTime(new Date(from.getTime() + 365 * 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const der = seq(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.from([0]), sign('sha256', tbs, privateKey)));
  const certPem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { pem: certPem + keyPem, certificate: new X509Certificate(certPem) };
}

/** Graph's `encryptedContent` for `payload`, made exactly as Graph makes it for a subscription with `certificate`. */
export function encryptAsGraph(payload: unknown, certificate: X509Certificate, certificateId: string): Record<string, string> {
  const key = randomBytes(32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  const data = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return {
    data: data.toString('base64'),
    dataSignature: createHmac('sha256', key).update(data).digest('base64'),
    dataKey: publicEncrypt({ key: certificate.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, key).toString('base64'),
    encryptionCertificateId: certificateId,
    encryptionCertificateThumbprint: certificate.fingerprint.replace(/:/g, ''),
  };
}
