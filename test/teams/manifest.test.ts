import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { buildPackage, PLACEHOLDER_ID, renderManifest } from '../../manifest/teams/package';

const dir = join(__dirname, '../../manifest/teams');
const template = readFileSync(join(dir, 'manifest.json'), 'utf8');
const manifest = JSON.parse(template) as { $schema: string; manifestVersion: string; bots: Array<{ scopes: string[]; commandLists: Array<{ commands: Array<{ title: string }> }> }> };

function officialValidator(version: string) {
  // The official schemas, bundled by Microsoft's @microsoft/app-manifest package, so validation runs offline.
  const schemaPath = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('Teams app manifest', () => {
  it('uses a current manifest version and the matching official $schema URL', () => {
    assert.equal(manifest.manifestVersion, '1.23');
    assert.equal(manifest.$schema, 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.23/MicrosoftTeams.schema.json');
  });

  it('validates against the official Teams manifest schema', () => {
    const validate = officialValidator(manifest.manifestVersion);
    assert.ok(validate(manifest), JSON.stringify(validate.errors, null, 2));
  });

  it('still validates with the real ids filled in, and the validator does catch mistakes', () => {
    const validate = officialValidator(manifest.manifestVersion);
    const filled = renderManifest(template, { appId: '1B2C3D4E-1111-4222-8333-444455556666', publicUrl: 'https://bot.contoso.com' });
    assert.ok(validate(filled), JSON.stringify(validate.errors, null, 2));
    const broken = JSON.parse(template) as { bots: Array<{ scopes: string[] }> };
    broken.bots[0]!.scopes = ['personal', 'groupchat'];
    assert.equal(validate(broken), false);
  });

  it('offers the bot in personal chat, teams and group chats with the command language in the command list', () => {
    assert.deepEqual(manifest.bots[0]?.scopes, ['personal', 'team', 'groupChat']);
    const titles = manifest.bots[0]?.commandLists.flatMap((l) => l.commands.map((c) => c.title.split(' ')[0]));
    for (const word of ['now', 'list', 'cancel', 'help']) assert.ok(titles?.includes(word), word);
  });

  it('has a 192×192 color icon and a 32×32 outline icon that is white on transparent', () => {
    const color = PNG.sync.read(readFileSync(join(dir, 'color.png')));
    assert.deepEqual([color.width, color.height], [192, 192]);
    for (let i = 3; i < color.data.length; i += 4) assert.equal(color.data[i], 255, 'the color icon is fully opaque');
    const outline = PNG.sync.read(readFileSync(join(dir, 'outline.png')));
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i], outline.data[i + 1], outline.data[i + 2], outline.data[i + 3]];
      if (a === 0) transparent++;
      else assert.deepEqual([r, g, b, a], [255, 255, 255, 255], `outline pixel ${i / 4} is not opaque white or transparent`);
    }
    assert.ok(transparent > 0 && transparent < 32 * 32);
  });

  it('packages manifest and icons at the zip root with MICROSOFT_APP_ID substituted', async () => {
    const zip = await JSZip.loadAsync(await buildPackage(dir, { appId: '1b2c3d4e-1111-4222-8333-444455556666', publicUrl: 'https://bot.contoso.com' }));
    assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'manifest.json', 'outline.png']);
    const packed = JSON.parse(await zip.file('manifest.json')!.async('string')) as { id: string; bots: Array<{ botId: string }>; validDomains: string[] };
    assert.equal(packed.id, '1b2c3d4e-1111-4222-8333-444455556666');
    assert.equal(packed.bots[0]?.botId, '1b2c3d4e-1111-4222-8333-444455556666');
    assert.deepEqual(packed.validDomains, ['bot.contoso.com']);
    assert.ok(!JSON.stringify(packed).includes(PLACEHOLDER_ID));
  });

  it('explains a missing or malformed app id instead of packaging a broken app', () => {
    assert.throws(() => renderManifest(template, { appId: 'my-bot' }), /MICROSOFT_APP_ID must be the Azure Bot's app id/);
    assert.throws(() => renderManifest(template, { appId: '1b2c3d4e-1111-4222-8333-444455556666', publicUrl: 'http://x' }), /https/);
  });
});
