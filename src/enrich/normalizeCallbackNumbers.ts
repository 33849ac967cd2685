// callbackNumbers → E.164 (valid, de-duplicated, order kept) and the invalid ones as given.
//
// Metadata: `libphonenumber-js/max`. With the default `min` metadata isValid() checks only a
// number's length (the package README says so), so "+91 1387 7792" passes although no Indian
// number starts with 1. `max` checks the digits against each country's patterns, as Google's
// libphonenumber does, at about the same cost per parse (BENCHMARKS.md has the figures).
// Either way parsing is the costliest thing enrichment does, tens of µs a number (a +1 number
// is tried against every NANP country), so results are memoised per region and raw string.
//
// Parsing is strict (`extract: false`): the whole string must be a phone number. "call me at
// +1 317 555 0123" is listed as invalid instead of being silently trimmed to a number.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { cannotBePhoneNumber } from './cannotBePhoneNumber.js';
import { createLruCache, type LruCache } from './createLruCache.js';

export interface NormalizedNumbers {
  e164: string[];
  invalid: string[];
}

// ~100 bytes an entry: a few MB at most. A callback's numbers come back with every state
// change of its life, so even a small window of recent numbers catches most repeats.
const PHONE_CACHE_CAPACITY = 50_000;

// One cache per region (a deployment uses one or two), keyed by the raw string itself: a
// concatenated key would be a new string to flatten and hash on every lookup. null marks
// "parsed, not valid"; undefined from the cache means "not parsed yet".
const cacheByRegion = new Map<CountryCode, LruCache<string, string | null>>();

let lookups = 0;
let misses = 0;

function parseE164(raw: string, region: CountryCode): string | null {
  if (cannotBePhoneNumber(raw)) return null; // spares the library a thrown ParseError
  const parsed = parsePhoneNumberFromString(raw, { defaultCountry: region, extract: false });
  return parsed !== undefined && parsed.isValid() ? parsed.number : null;
}

function cacheFor(region: CountryCode): LruCache<string, string | null> {
  let cache = cacheByRegion.get(region);
  if (cache === undefined) {
    cache = createLruCache<string, string | null>(PHONE_CACHE_CAPACITY);
    cacheByRegion.set(region, cache);
  }
  return cache;
}

/** The E.164 form of one number, or null when it is not a valid number. */
export function toE164(raw: string, region: CountryCode): string | null {
  const cache = cacheFor(region);
  lookups++;
  let e164 = cache.get(raw);
  if (e164 === undefined) {
    misses++;
    e164 = parseE164(raw, region);
    cache.set(raw, e164);
  }
  return e164;
}

export function normalizeCallbackNumbers(numbers: readonly string[] | undefined, region: CountryCode): NormalizedNumbers {
  const e164: string[] = [];
  const invalid: string[] = [];
  if (numbers === undefined) return { e164, invalid };
  for (const raw of numbers) {
    const normalized = toE164(raw, region);
    if (normalized === null) invalid.push(raw);
    // A callback carries a handful of numbers: a linear scan beats building a Set.
    else if (!e164.includes(normalized)) e164.push(normalized);
  }
  return { e164, invalid };
}

/** Cache statistics for the benchmark and tests; reading them changes nothing. */
export function readPhoneCacheStats(): { lookups: number; misses: number; size: number } {
  let size = 0;
  for (const cache of cacheByRegion.values()) size += cache.size;
  return { lookups, misses, size };
}

/** Empties the memo (benchmarks measure from a cold cache; tests prove results don't depend on it). */
export function clearPhoneCache(): void {
  cacheByRegion.clear();
  lookups = 0;
  misses = 0;
}
