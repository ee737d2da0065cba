import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'public' ? [] : tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found: string[] = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) found.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  return found;
}

// Each platform SDK stays inside its adapter, so replacing one (botbuilder is archived upstream) touches one folder.
// The job queue (adapters/jobs) is the store's neighbour: it writes into the store's database and transactions.
const sdkHomes: ReadonlyArray<{ pattern: RegExp; home: string; alsoIn?: readonly string[] }> = [
  { pattern: /^(botbuilder|botframework-[\w-]+)$/, home: 'adapters/teams' },
  { pattern: /^@slack\//, home: 'adapters/slack' },
  { pattern: /^(@microsoft\/microsoft-graph-client|@azure\/identity)(\/|$)/, home: 'adapters/graph' },
  { pattern: /^(better-sqlite3|pg|kysely)$/, home: 'adapters/store', alsoIn: ['adapters/jobs'] },
  { pattern: /^pg-boss$/, home: 'adapters/jobs' },
];

// The core may use pure libraries only: no platform SDK, Graph, database driver, HTTP or file system.
const allowedPackages = new Set(['chrono-node', 'luxon']);

describe('architecture', () => {
  const coreFiles = tsFiles(join(root, 'src'));

  it('finds the core sources', () => {
    assert.ok(coreFiles.length >= 5, `expected core files, found ${coreFiles.length}`);
  });

  for (const file of coreFiles) {
    const name = relative(root, file);
    it(`${name} imports no platform SDK, driver, I/O module or adapter`, () => {
      for (const spec of imports(file)) {
        if (spec.startsWith('.')) {
          const target = join(file, '..', spec);
          assert.ok(!relative(join(root, 'src'), target).startsWith('..'), `${name} reaches outside src/: ${spec}`);
          continue;
        }
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        assert.ok(allowedPackages.has(pkg ?? ''), `${name} imports ${spec}; the core may import only ${[...allowedPackages].join(', ')}`);
      }
    });
  }

  // The core reads neutral text: adapters report each mention's literal token, so no platform's markup belongs in src/.
  // A regex lookbehind `(?<!` is not markup, so it is set aside before looking.
  for (const file of coreFiles) {
    const name = relative(root, file);
    it(`${name} holds no platform mention or link syntax`, () => {
      const source = readFileSync(file, 'utf8').replace(/\(\?<[!=]/g, '');
      for (const literal of ['<@', '<!', '<at>', 'mailto:']) {
        assert.ok(!source.includes(literal), `${name} contains ${JSON.stringify(literal)}: platform syntax belongs to its adapter`);
      }
    });
  }

  describe('adapters reach the core only through its public surface', () => {
    const surface = new Set(['src/bot-api', 'src/types'].map((path) => join(root, path)));
    for (const file of [...tsFiles(join(root, 'adapters')), ...tsFiles(join(root, 'bench'))]) {
      const name = relative(root, file);
      it(`${name} imports the core only from src/bot-api and src/types`, () => {
        for (const spec of imports(file)) {
          if (!spec.startsWith('.')) continue;
          const target = join(file, '..', spec).replace(/\.ts$/, '');
          if (relative(join(root, 'src'), target).startsWith('..')) continue;
          assert.ok(surface.has(target), `${name} imports ${spec}; adapters use src/bot-api and src/types only`);
        }
      });
    }
  });

  describe('platform SDKs stay in their adapters', () => {
    const files = [...coreFiles, ...tsFiles(join(root, 'adapters'))];
    for (const { pattern, home, alsoIn = [] } of sdkHomes) {
      it(`only ${[home, ...alsoIn].join(' and ')} ${alsoIn.length ? 'import' : 'imports'} ${pattern.source}`, () => {
        const offenders = files
          .filter((file) => ![home, ...alsoIn].some((dir) => relative(root, file).split('\\').join('/').startsWith(`${dir}/`)))
          .filter((file) => imports(file).some((spec) => pattern.test(spec)))
          .map((file) => relative(root, file));
        assert.deepEqual(offenders, []);
      });
    }
  });
});
