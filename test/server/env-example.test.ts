// .env.example documents every setting the code reads, and as shipped it starts meetbot locally.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { loadConfig } from '../../adapters/config';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'public' ? [] : sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('.env.example', () => {
  const example = parse(readFileSync(join(ROOT, '.env.example')));

  it('lists every environment variable the code reads', () => {
    const read = new Set<string>(['PORT', 'HOST', 'LOG_LEVEL']);
    for (const file of sources(join(ROOT, 'adapters'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:get|requireWith)\('([A-Z][A-Z0-9_]+)'|env\.([A-Z][A-Z0-9_]+)\b/g)) read.add((m[1] ?? m[2]) as string);
    }
    const missing = [...read].filter((name) => !(name in example)).sort();
    assert.deepEqual(missing, []);
  });

  it('starts meetbot in local mode when copied to .env unchanged', () => {
    const loaded = loadConfig(example);
    assert.ok(loaded.ok && loaded.config.graph.kind === 'local' && loaded.config.database.kind === 'sqlite');
  });
});
