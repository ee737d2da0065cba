// Mutations of real payloads, as an attacker (or a broken client) would make them: fields dropped, retyped, emptied,
// stretched, given lone surrogates or prototype keys; the rest of the payload stays real so the request goes deep.
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = ReadonlyArray<string | number>;

function paths(value: Json, prefix: Path = []): Path[] {
  const here = prefix.length ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return here;
}

/** Odd strings that have broken parsers before. */
const nasty = fc.constantFrom('', ' ', '\ud800', 'a\udfffb', '\u0000', '<@U024BE7LH>', '<at>x</at>', '%E0%A4%A', '../../etc/passwd', "' or 1=1 --", '__proto__', 'constructor', '{}', '[]', 'NaN', '-1', '1e309', 'x'.repeat(5000), '\u202e\u0301', '😀'.repeat(50));

/** Any JSON value, nasty strings weighted in. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: nasty },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, 0, -1, 2 ** 53, [], {}) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

type Op = { kind: 'delete' | 'set'; at: number; value: Json } | { kind: 'addKey'; at: number; key: string; value: Json };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), value: fc.constant(null) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant('addKey' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'), fc.string({ maxLength: 8 })), value: hostileValue }),
);

function apply(base: Json, ops: readonly Op[]): Json {
  let doc = structuredClone(base);
  for (const o of ops) {
    const all = paths(doc);
    const target = all[o.at % Math.max(all.length, 1)];
    if (!target) {
      doc = o.kind === 'set' ? structuredClone(o.value) : doc;
      continue;
    }
    const parent = target.slice(0, -1).reduce<Json>((node, key) => (node as Record<string | number, Json>)[key] as Json, doc) as Record<string | number, Json> | Json[];
    const key = target[target.length - 1] as string | number;
    if (o.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (o.kind === 'set') (parent as Record<string | number, Json>)[key] = structuredClone(o.value);
    else if (o.kind === 'addKey') {
      const node = (parent as Record<string | number, Json>)[key];
      // defineProperty so "__proto__" becomes an own key, as JSON.parse would make it.
      if (node !== null && typeof node === 'object' && !Array.isArray(node)) Object.defineProperty(node, o.key, { value: structuredClone(o.value), enumerable: true, writable: true, configurable: true });
    }
  }
  return doc;
}

/** `base` with zero to four mutations (zero keeps some requests fully valid, so accepted paths are fuzzed too). */
export function mutated<T>(base: T): fc.Arbitrary<Json> {
  return fc.array(op, { maxLength: 4 }).map((ops) => apply(base as Json, ops));
}
