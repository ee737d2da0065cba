// JSON that keeps Dates: they are written as {"$date": ISO} and read back as Date objects.

/** `value` with every Date replaced by its tag; what JSON.stringify treats itself (toJSON, boxed values) is unwrapped first. */
function tagged(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(tagged);
  if (value instanceof String || value instanceof Number || value instanceof Boolean) return value;
  const withJson = value as { toJSON?: unknown };
  if (typeof withJson.toJSON === 'function') return tagged((withJson.toJSON as () => unknown)());
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'object' && v !== null ? tagged(v) : v;
  return out;
}

/**
 * JSON.stringify, with every Date tagged so it comes back as a Date. The tags are put in before stringifying: a
 * replacer would be called for every value of every record, which costs JSON.stringify twice its own time.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(tagged(value));
}

/** JSON.parse, reviving tagged Dates. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (typeof o.$date === 'string' && Object.keys(o).length === 1) return new Date(o.$date);
    }
    return v;
  }) as T;
}
