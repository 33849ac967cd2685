// JSON text can spell a lone UTF-16 surrogate ("\ud800"), which JSON.parse accepts. No UTF-8
// encoding of it exists, so such a string cannot reach Avro (CONTRACT §4: strings are UTF-8)
// and a strict reader would reject the JSON view too. Mapped JSON is therefore checked once,
// keys of free-form objects included, and a hit rejects the record like any wrong value.

// Any surrogate at all is rare: a cheap test first, the code-point-aware one only on a hit.
// With the u flag a paired surrogate is one astral code point, so only lone ones match \p{Cs}.
const ANY_SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /\p{Cs}/u;

export function hasLoneSurrogate(text: string): boolean {
  return ANY_SURROGATE.test(text) && LONE_SURROGATE.test(text);
}

/** The key as a path segment that stays printable: a lone surrogate written as `\udfff`. */
function escapeLoneSurrogates(text: string): string {
  return text.replace(/\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

function childPath(path: string, segment: string): string {
  return path === '' ? segment : `${path}.${segment}`;
}

/** The path of the first string (value or key, at any depth) holding a lone surrogate. */
export function findLoneSurrogate(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return hasLoneSurrogate(value) ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findLoneSurrogate(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (hasLoneSurrogate(key)) return childPath(path, escapeLoneSurrogates(key));
    const found = findLoneSurrogate(item, childPath(path, key));
    if (found !== undefined) return found;
  }
  return undefined;
}
