// The local service stands in for Microsoft's Graph: like Graph, it knows nothing of meetbot's core.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const local = join(root, 'adapters', 'graph', 'local');

function imports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...source.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

describe('local Graph: boundary', () => {
  const files = readdirSync(local).filter((name) => name.endsWith('.ts'));

  it('finds the local service sources', () => {
    assert.ok(files.length >= 10, `expected the local service's files, found ${files.length}`);
  });

  for (const name of files) {
    it(`adapters/graph/local/${name} imports nothing from src/`, () => {
      const file = join(local, name);
      for (const spec of imports(file).filter((s) => s.startsWith('.'))) {
        const target = relative(root, join(file, '..', spec));
        assert.ok(!target.startsWith('src'), `${name} imports ${spec}: the local service defines its own types, as Graph would`);
      }
    });
  }
});
