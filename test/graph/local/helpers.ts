// Helpers for driving the local Graph over real HTTP, and checking shapes against the reference fixtures.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalGraphServer, type LocalGraphServer } from '../../../adapters/graph/local';

/** A response, read once. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown> & { value?: Record<string, unknown>[]; error?: { code: string; message: string; innerError: Record<string, string> } };
}

/** Calls `base + path` with a JSON body; reads the JSON answer (empty body = {}). */
export async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
}

/** A reference fixture from test/fixtures/graph. */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'graph', name), 'utf8')) as Record<string, unknown>;
}

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Every property of `expected` is in `actual` with the same JSON type (null in either matches anything), recursively. */
export function assertShape(actual: unknown, expected: unknown, path = '$'): void {
  if (expected === null || actual === null) return;
  assert.equal(kind(actual), kind(expected), `${path}: expected ${kind(expected)}, got ${kind(actual)}`);
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length && actual.length) assertShape(actual[0], expected[0], `${path}[0]`);
  if (kind(expected) === 'object') {
    const a = actual as Record<string, unknown>;
    for (const [k, v] of Object.entries(expected as Record<string, unknown>)) {
      assert.ok(k in a, `${path}.${k} is missing`);
      assertShape(a[k], v, `${path}.${k}`);
    }
  }
}

/** Graph's error envelope, with the given status and code. */
export function assertGraphError(a: Answer, status: number, code: string): void {
  assert.equal(a.status, status, JSON.stringify(a.body));
  assertShape(a.body, fixture('error.json'));
  assert.equal(a.body.error?.code, code);
  assert.match(a.headers.get('content-type') ?? '', /^application\/json/);
  assert.ok(a.body.error?.message);
}

/** Starts local Graph servers for the tests of the calling `describe`, each closed after its test. */
export function localGraphServers(): (...args: Parameters<typeof startLocalGraphServer>) => Promise<LocalGraphServer> {
  const servers: LocalGraphServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (...args) => {
    const s = await startLocalGraphServer(...args);
    servers.push(s);
    return s;
  };
}
