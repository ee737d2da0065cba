import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { decryptContent, loadNotificationCertificate, parseNotificationCertificate } from '../../adapters/graph/encryption';
import { encryptAsGraph, selfSignedCertificate } from './certificate';

const ROSTER_EVENT = {
  '@odata.type': '#microsoft.graph.callEvent',
  '@odata.id': "communications/onlineMeetings(joinWebUrl='x')/meetingCallEvents('3f0a1e6b')",
  id: '3f0a1e6b-5c1d-4d9f-a3c2-1b0e9d8c7a61',
  eventType: 'rosterUpdated',
  eventDateTime: '2026-11-27T10:02:00.1234567Z',
  'participants@delta': [{ id: 'p1', info: { identity: { user: { id: 'u1', displayName: 'Alice Johnson', tenantId: 't' } } }, isInLobby: false }],
};

describe('graph notification certificate', () => {
  const test = selfSignedCertificate();

  it('reads a PEM with the certificate and its key, in either order, and derives a stable id', () => {
    const cert = parseNotificationCertificate(test.pem);
    assert.equal(cert.base64, test.certificate.raw.toString('base64'));
    assert.match(cert.id, /^meetbot-[0-9a-f]{32}$/);
    const keyFirst = test.pem.replace(/^(-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n)([\s\S]+)$/, '$2$1');
    assert.equal(parseNotificationCertificate(keyFirst).id, cert.id);
  });

  it('says what is missing or wrong in the file', () => {
    const certOnly = test.pem.replace(/-----BEGIN PRIVATE KEY-----[\s\S]+$/, '');
    assert.throws(() => parseNotificationCertificate(certOnly), /no "BEGIN PRIVATE KEY" block/);
    assert.throws(() => parseNotificationCertificate('hello'), /no "BEGIN CERTIFICATE" block/);
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    assert.throws(() => parseNotificationCertificate(certOnly + otherKey), /does not belong to the certificate/);
    const locked = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
    assert.throws(() => parseNotificationCertificate(certOnly + locked), /password-protected/);
  });

  it('names GRAPH_NOTIFICATION_CERTIFICATE_PATH when the file is missing or unreadable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meetbot-cert-'));
    try {
      assert.throws(() => loadNotificationCertificate(join(dir, 'none.pem')), /^Error: GRAPH_NOTIFICATION_CERTIFICATE_PATH: cannot read .*none\.pem \(ENOENT\)$/);
      writeFileSync(join(dir, 'bad.pem'), 'not a pem');
      assert.throws(() => loadNotificationCertificate(join(dir, 'bad.pem')), /^Error: GRAPH_NOTIFICATION_CERTIFICATE_PATH: .*bad\.pem: the file holds no/);
      writeFileSync(join(dir, 'good.pem'), test.pem);
      assert.equal(loadNotificationCertificate(join(dir, 'good.pem')).id, parseNotificationCertificate(test.pem).id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('graph rich notification decryption', () => {
  const test = selfSignedCertificate();
  const cert = parseNotificationCertificate(test.pem);

  it('decrypts what Graph encrypted to our certificate', () => {
    const result = decryptContent(encryptAsGraph(ROSTER_EVENT, test.certificate, cert.id), cert);
    assert.deepEqual(result, { ok: true, value: ROSTER_EVENT });
  });

  it('refuses a tampered signature or tampered data', () => {
    const content = encryptAsGraph(ROSTER_EVENT, test.certificate, cert.id);
    const badSignature = { ...content, dataSignature: Buffer.alloc(32, 1).toString('base64') };
    assert.deepEqual(decryptContent(badSignature, cert), { ok: false, reason: 'dataSignature does not match' });
    const data = Buffer.from(content.data ?? '', 'base64');
    data[0] = (data[0] ?? 0) ^ 0xff;
    assert.deepEqual(decryptContent({ ...content, data: data.toString('base64') }, cert), { ok: false, reason: 'dataSignature does not match' });
  });

  it('refuses content for another certificate id, or a key encrypted to another certificate', () => {
    assert.deepEqual(decryptContent(encryptAsGraph(ROSTER_EVENT, test.certificate, 'someone-else'), cert), { ok: false, reason: 'encrypted for another certificate id' });
    const other = selfSignedCertificate('other');
    assert.deepEqual(decryptContent(encryptAsGraph(ROSTER_EVENT, other.certificate, cert.id), cert), { ok: false, reason: 'dataKey does not decrypt with the certificate' });
  });

  it('refuses content that is not the encryptedContent shape', () => {
    for (const content of [undefined, null, 'x', { data: 'a' }]) assert.equal(decryptContent(content, cert).ok, false);
  });
});
