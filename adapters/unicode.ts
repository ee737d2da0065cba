// Text from the platforms, made well-formed at the edge: a lone UTF-16 surrogate is valid JSON ("\ud800") but breaks
// encodeURIComponent, database drivers and renderers further in; it becomes U+FFFD, and text is NFC-normalised.

// Nearly every string a platform sends (ids, URLs, types) is ASCII, which is well-formed and NFC as it is.
const NON_ASCII = /[^\x20-\x7e\t\n\r]/;

/** `text` with every lone surrogate replaced by U+FFFD, in Unicode normal form C. */
export function wellFormed(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return (text.isWellFormed() ? text : text.toWellFormed()).normalize('NFC');
}

/** A copy of parsed JSON with every string (keys included) made well-formed; other values are kept as they are. */
export function wellFormedDeep(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (Array.isArray(value)) return value.map(wellFormedDeep);
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = wellFormed(k);
      // Defined, not assigned: a "__proto__" key stays a plain own property, as JSON.parse and fromEntries make it.
      if (key === '__proto__') Object.defineProperty(copy, key, { value: wellFormedDeep(v), enumerable: true, writable: true, configurable: true });
      else copy[key] = wellFormedDeep(v);
    }
    return copy;
  }
  return value;
}
