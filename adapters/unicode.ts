// Text from the platforms, made well-formed at the edge: a lone UTF-16 surrogate is valid JSON ("\ud800") but breaks
// encodeURIComponent, database drivers and renderers further in; it becomes U+FFFD, and text is NFC-normalised.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` with every lone surrogate replaced by U+FFFD, in Unicode normal form C. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').normalize('NFC');
}

/** A copy of parsed JSON with every string (keys included) made well-formed; other values are kept as they are. */
export function wellFormedDeep(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (Array.isArray(value)) return value.map(wellFormedDeep);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormed(k), wellFormedDeep(v)]));
  }
  return value;
}
