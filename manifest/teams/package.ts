// `npm run package`: the Teams app package (manifest.json + icons at the zip root) with the real ids filled in.
import 'dotenv/config';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import JSZip from 'jszip';

/** The id in the committed manifest, replaced by MICROSOFT_APP_ID when packaging. */
export const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';
/** The host in the committed manifest, replaced by the host of MEETBOT_PUBLIC_URL when packaging. */
export const PLACEHOLDER_HOST = 'meetbot.example.com';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What goes into a package. */
export interface PackageOptions {
  /** The Azure Bot's Microsoft App ID (also used as the Teams app id). */
  readonly appId: string;
  /** Where meetbot is reachable (https); its host becomes the valid domain and the developer links. */
  readonly publicUrl?: string;
}

/** The manifest with ids and domain filled in. Throws an Error with a clear message on bad input. */
export function renderManifest(template: string, opts: PackageOptions): Record<string, unknown> {
  if (!GUID.test(opts.appId) || opts.appId === PLACEHOLDER_ID) {
    throw new Error(`MICROSOFT_APP_ID must be the Azure Bot's app id (a GUID such as 1b2c3d4e-…), got "${opts.appId}"`);
  }
  let host: string | undefined;
  let base: string | undefined;
  if (opts.publicUrl) {
    const url = new URL(opts.publicUrl);
    if (url.protocol !== 'https:') throw new Error(`MEETBOT_PUBLIC_URL must be an https URL for Teams, got "${opts.publicUrl}"`);
    host = url.host;
    base = url.origin;
  }
  const filled = template
    .replaceAll(PLACEHOLDER_ID, opts.appId.toLowerCase())
    .replaceAll(`https://${PLACEHOLDER_HOST}`, base ?? `https://${PLACEHOLDER_HOST}`);
  const manifest = JSON.parse(filled) as Record<string, unknown>;
  manifest.validDomains = host ? [host] : [];
  return manifest;
}

/** Builds the zip in memory. */
export async function buildPackage(dir: string, opts: PackageOptions): Promise<Buffer> {
  const manifest = renderManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'), opts);
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2));
  zip.file('color.png', readFileSync(join(dir, 'color.png')));
  zip.file('outline.png', readFileSync(join(dir, 'outline.png')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function main(): Promise<void> {
  const appId = process.env.MICROSOFT_APP_ID?.trim();
  if (!appId) throw new Error('Set MICROSOFT_APP_ID (in the environment or .env) to the Azure Bot app id, then run `npm run package` again.');
  const publicUrl = process.env.MEETBOT_PUBLIC_URL?.trim();
  const out = join(process.cwd(), 'dist', 'teams');
  mkdirSync(out, { recursive: true });
  const file = join(out, 'meetbot-teams.zip');
  writeFileSync(file, await buildPackage(__dirname, { appId, ...(publicUrl ? { publicUrl } : {}) }));
  console.log(`wrote ${relative(process.cwd(), file)}: upload it in Teams (Apps → Manage your apps → Upload an app)`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}
