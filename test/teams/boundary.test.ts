import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'public' ? [] : tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('Teams SDK boundary', () => {
  it('keeps botbuilder imports inside adapters/teams, so a move to its successor SDK touches nothing else', () => {
    const offenders = [...tsFiles(join(root, 'src')), ...tsFiles(join(root, 'adapters'))]
      .filter((file) => !relative(root, file).startsWith(join('adapters', 'teams')))
      .filter((file) => /from\s+['"](botbuilder|botframework-[\w-]+)['"]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    assert.deepEqual(offenders, []);
  });
});
